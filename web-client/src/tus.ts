// A tus 1.0 upload (the protocol lecture-service speaks at /api/v1/lectures/{id}/uploads): create,
// then PATCH chunks from the server's offset, so a dropped connection resumes where it stopped
// instead of starting over. Written here because it is 60 lines against tus-js-client's 30 KB, and
// the server's side is fixed (creation, HEAD for the offset, PATCH).
import { freshAccessToken } from './api';

const CHUNK = 8 * 1024 * 1024;

export async function upload(lectureId: string, file: File, onProgress: (sent: number, total: number) => void): Promise<void> {
  // asked for each request: a long upload outlives one access token
  const auth = async () => ({ Authorization: `Bearer ${await freshAccessToken()}`, 'Tus-Resumable': '1.0.0' });
  const metadata = `filename ${btoa(unescape(encodeURIComponent(file.name)))},filetype ${btoa(file.type || 'application/octet-stream')}`;
  const created = await fetch(`/api/v1/lectures/${lectureId}/uploads`, {
    method: 'POST', headers: { ...(await auth()), 'Upload-Length': String(file.size), 'Upload-Metadata': metadata },
  });
  if (created.status !== 201) throw new Error(await failure(created));
  const location = created.headers.get('Location')!;
  let offset = 0;
  let failures = 0;
  while (offset < file.size) {
    try {
      const response = await fetch(location, {
        method: 'PATCH',
        headers: { ...(await auth()), 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        body: file.slice(offset, offset + CHUNK),
      });
      if (response.status !== 204) throw new Error(await failure(response));
      offset = Number(response.headers.get('Upload-Offset'));
      failures = 0;
      onProgress(offset, file.size);
    } catch (error) {
      if (++failures > 5) throw error;
      await new Promise((resume) => setTimeout(resume, 1000 * failures));
      const head = await fetch(location, { method: 'HEAD', headers: await auth() });
      offset = Number(head.headers.get('Upload-Offset') ?? offset);
    }
  }
}

async function failure(response: Response): Promise<string> {
  try {
    const body = await response.json();
    return body.message ?? `Upload failed (${response.status})`;
  } catch {
    return `Upload failed (${response.status})`;
  }
}
