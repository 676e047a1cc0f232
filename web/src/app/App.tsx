import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth';
import { router } from './router';
import { RegionsLoadingBanner } from '../ui/RegionsLoadingBanner';

dayjs.locale('zh-cn');

/** Sober government look: antd defaults with a restrained Party red as the primary colour. */
const theme = { token: { colorPrimary: '#c41d1d', borderRadius: 4 } };

export function App() {
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
