/**
 * The one way the web app talks to the server: same-origin cookies, the CSRF header on every
 * non-GET request, and every failure turned into an ApiError carrying the server's code, its
 * Chinese message and per-row/field details.
 */
export type ErrorDetail = { row?: number; column?: string; field?: string; code?: string; message?: string };

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetail[];
  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Codes after which the app must move the person elsewhere (sign-in, password change, TOTP enrolment). */
export type AuthProblem = 'UNAUTHENTICATED' | 'PASSWORD_CHANGE_REQUIRED' | 'TOTP_ENROLMENT_REQUIRED';
const AUTH_PROBLEMS: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED', 'TOTP_ENROLMENT_REQUIRED']);

let csrfToken: string | null = null;
let authListener: ((problem: AuthProblem) => void) | null = null;

export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};
export const onAuthProblem = (listener: ((problem: AuthProblem) => void) | null): void => {
  authListener = listener;
};

let userHeader: string | null = null;
/** The signed-in person's id, sent on reads so the service worker keeps each person's inbox apart (docs/pwa.md). */
export const setUserHeader = (userId: string | null): void => {
  userHeader = userId;
};

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=2`, leaving out empty values so filters stay short in URLs and logs. */
export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: string; message?: string; details?: ErrorDetail[] };
    if (body.code && body.message) return new ApiError(response.status, body.code, body.message, body.details ?? []);
  } catch {
    // not JSON: a proxy or the network answered, not our server
  }
  return new ApiError(response.status, 'HTTP_ERROR', `服务器返回错误（HTTP ${response.status}），请稍后重试`);
}

function notify(error: ApiError): void {
  if (!authListener || !AUTH_PROBLEMS.has(error.code)) return;
  authListener(error.code === 'SESSION_EXPIRED' ? 'UNAUTHENTICATED' : (error.code as AuthProblem));
}

function headersFor(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (method === 'GET' && userHeader) headers['x-lx-user'] = userHeader;
  return headers;
}

/** Sends a request; resolves the parsed JSON body, rejects with ApiError. */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const isForm = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, body !== undefined && !isForm),
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    notify(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const apiGet = <T>(url: string, query?: Query): Promise<T> => request<T>('GET', withQuery(url, query));
export const apiPost = <T>(url: string, body?: unknown): Promise<T> => request<T>('POST', url, body ?? {});
export const apiPatch = <T>(url: string, body: unknown): Promise<T> => request<T>('PATCH', url, body);
export const apiPut = <T>(url: string, body: unknown): Promise<T> => request<T>('PUT', url, body);
export const apiDelete = <T>(url: string): Promise<T> => request<T>('DELETE', url);

/**
 * Uploads a form with upload progress (fetch cannot report it), then parses the JSON answer.
 * Used for imports, which may be up to 200 MB.
 */
export function uploadForm<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '上传失败：无法连接服务器'));
    xhr.onload = () => {
      const response = new Response(xhr.responseText, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(xhr.responseText) as T);
        return;
      }
      void toApiError(response).then((error) => {
        notify(error);
        reject(error);
      });
    };
    xhr.send(form);
  });
}

/** The file name from Content-Disposition (RFC 5987 `filename*` first), if any. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file through fetch so a failure shows the server's Chinese message instead of
 * navigating to a JSON error page.
 */
export async function download(url: string, fallbackName: string, form?: FormData): Promise<void> {
  // A form is posted (a file checked again for its report): the CSRF token goes with it.
  const init: RequestInit = form ? { method: 'POST', body: form, headers: csrfToken ? { 'x-csrf-token': csrfToken } : {} } : {};
  const response = await fetch(url, { credentials: 'same-origin', ...init }).catch(() => null);
  if (!response) throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  if (!response.ok) {
    const error = await toApiError(response);
    notify(error);
    throw error;
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(response, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
