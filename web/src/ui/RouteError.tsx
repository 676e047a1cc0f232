import { Button, Result } from 'antd';
import { useRouteError } from 'react-router-dom';

/**
 * Shown when a page fails to render or its code cannot load (e.g. the app was updated while the
 * page was open): a plain Chinese message and a way out, instead of the router's developer page.
 */
export function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <Result status="error" title="页面出错了" subTitle="请刷新页面重试；如果问题仍然存在，请联系管理员。"
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>刷新页面</Button>,
        <Button key="home" onClick={() => window.location.assign('/')}>返回首页</Button>,
      ]} />
  );
}
