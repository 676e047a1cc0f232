/**
 * Where attachment content is kept, from the environment (README "Settings", docs/attachments.md):
 * LX_ATTACHMENT_STORE=local (default, LX_ATTACHMENT_DIR) or s3 with the LX_S3_* settings. A missing
 * or malformed S3 setting stops the server at start with a Chinese message naming it, rather than
 * failing at the first upload.
 */
export type S3Settings = {
  /** Scheme, host and port, e.g. https://s3.cn-north-1.amazonaws.com.cn or http://minio:9000. */
  endpoint: URL;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** bucket in the path (MinIO and most S3-compatible servers) instead of in the host name. */
  pathStyle: boolean;
  /** Put before each object's name, e.g. "liangxin/"; empty by default. */
  prefix: string;
};

export type StoreSettings = { kind: 'local' } | { kind: 's3'; s3: S3Settings };

const bad = (name: string, why: string) => new Error(`${name} ${why}（附件存储设置，见 docs/attachments.md）`);

function flag(name: string, v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v.trim() === '') return dflt;
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off'].includes(s)) return false;
  throw bad(name, `应为 true 或 false（现为 "${v}"）`);
}

export function loadStoreSettings(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const kind = (env.LX_ATTACHMENT_STORE || 'local').trim().toLowerCase();
  if (kind === 'local') return { kind: 'local' };
  if (kind !== 's3') throw bad('LX_ATTACHMENT_STORE', `应为 local 或 s3（现为 "${env.LX_ATTACHMENT_STORE}"）`);
  const need = (name: string) => {
    const v = env[name]?.trim();
    if (!v) throw bad(name, '未设置（LX_ATTACHMENT_STORE=s3 时必填）');
    return v;
  };
  const region = need('LX_S3_REGION');
  const bucket = need('LX_S3_BUCKET');
  // Bucket names as S3 allows them (3–63 lower-case letters, digits, dots, hyphens): no path tricks.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw bad('LX_S3_BUCKET', `不是有效的存储桶名称（现为 "${bucket}"）`);
  const given = env.LX_S3_ENDPOINT?.trim();
  let endpoint: URL;
  try {
    endpoint = new URL(given || `https://s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`);
  } catch {
    throw bad('LX_S3_ENDPOINT', `不是有效的网址（现为 "${given}"）`);
  }
  if (!['http:', 'https:'].includes(endpoint.protocol) || (endpoint.pathname !== '/' && endpoint.pathname !== '')) {
    throw bad('LX_S3_ENDPOINT', `应为 http(s)://主机[:端口]，不带路径（现为 "${given}"）`);
  }
  const prefix = env.LX_S3_PREFIX?.trim() ?? '';
  if (prefix.startsWith('/') || prefix.includes('..')) throw bad('LX_S3_PREFIX', `不能以 / 开头或含有 ..（现为 "${prefix}"）`);
  return {
    kind: 's3',
    s3: {
      endpoint, bucket, region, prefix,
      accessKeyId: need('LX_S3_ACCESS_KEY_ID'),
      secretAccessKey: need('LX_S3_SECRET_ACCESS_KEY'),
      sessionToken: env.LX_S3_SESSION_TOKEN?.trim() || undefined,
      // A custom endpoint is nearly always MinIO or the like, which wants the bucket in the path.
      pathStyle: flag('LX_S3_PATH_STYLE', env.LX_S3_PATH_STYLE, Boolean(given)),
    },
  };
}
