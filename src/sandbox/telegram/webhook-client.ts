import http from "node:http";
import https from "node:https";

export interface WebhookResponse {
  status: number;
  statusText: string;
  body: string;
}

/**
 * One POST per delivery with its own socket (no keep-alive pool), so a test's
 * webhook server can close without waiting for idle connections from the fake.
 */
export function postJson(url: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<WebhookResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === "https:" ? https : http;
    const payload = Buffer.from(JSON.stringify(body));
    const req = transport.request(
      target,
      {
        method: "POST",
        agent: false,
        signal,
        headers: { "content-type": "application/json", "content-length": String(payload.length), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
