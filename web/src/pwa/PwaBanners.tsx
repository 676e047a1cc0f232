import { useEffect, useState } from 'react';
import { Alert, Button } from 'antd';
import { useLocation } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { lastSynced } from './offline-session';
import { applyUpdate, onUpdateWaiting } from './register';

const stamp = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => { window.removeEventListener('online', up); window.removeEventListener('offline', down); };
  }, []);
  return online;
}

/**
 * The installed app's two notices (docs/pwa.md): 「有新版本，点此刷新」 when a new build is waiting,
 * and, offline, that the inbox shown is the one last synced — with the time it was synced.
 */
export function PwaBanners() {
  const online = useOnline();
  const { me } = useAuth();
  const { pathname } = useLocation();
  const [update, setUpdate] = useState(false);
  const [synced, setSynced] = useState<Date | null>(null);
  useEffect(() => onUpdateWaiting((w) => setUpdate(!!w)), []);
  useEffect(() => {
    if (online || !me) return;
    void lastSynced(me.userId).then(setSynced);
  }, [online, me, pathname]);
  return (
    <>
      {update && (
        <Alert type="info" showIcon banner data-testid="update-prompt" style={{ cursor: 'pointer' }} onClick={applyUpdate}
          message={<Button type="link" size="small" style={{ padding: 0 }} onClick={applyUpdate}>有新版本，点此刷新</Button>} />
      )}
      {!online && (
        <Alert type="warning" showIcon banner data-testid="offline-banner"
          message={`离线：显示的是上次同步的待办${synced ? `（${stamp(synced)} 同步）` : '（尚未同步过）'}`} />
      )}
    </>
  );
}
