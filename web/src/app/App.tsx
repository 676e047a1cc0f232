import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth';
import { router } from './router';
import { RegionsLoadingBanner } from '../ui/RegionsLoadingBanner';

dayjs.locale('zh-cn');

// The public join page (扫码入会, /join/:token) lives outside the login shell: no session check, no authenticated call.
const PublicJoinPage = lazy(() => import('../features/join/PublicJoinPage').then((m) => ({ default: m.PublicJoinPage })));
const joinToken = (): string | null => /^\/join\/([A-Za-z0-9_-]+)\/?$/.exec(window.location.pathname)?.[1] ?? null;
// The public 排查摸底 page (/s/:token), likewise outside the login shell.
const PublicSurveyPage = lazy(() => import('../features/surveys/PublicSurveyPage').then((m) => ({ default: m.PublicSurveyPage })));
const surveyToken = (): string | null => /^\/s\/([A-Za-z0-9_.-]+)\/?$/.exec(window.location.pathname)?.[1] ?? null;

/** Sober government look: antd defaults with a restrained Party red as the primary colour. */
const theme = { token: { colorPrimary: '#c41d1d', borderRadius: 4 } };

export function App() {
  const token = joinToken();
  const survey = surveyToken();
  if (survey) {
    return (
      <ConfigProvider locale={zhCN} theme={theme}>
        <AntApp><Suspense fallback={null}><PublicSurveyPage token={survey} /></Suspense></AntApp>
      </ConfigProvider>
    );
  }
  if (token) {
    return (
      <ConfigProvider locale={zhCN} theme={theme}>
        <AntApp><Suspense fallback={null}><PublicJoinPage token={token} /></Suspense></AntApp>
      </ConfigProvider>
    );
  }
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <RegionsLoadingBanner />
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
