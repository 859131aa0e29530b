// A Next.js (App Router) route handler that receives the CMS's webhooks and revalidates what
// changed: save as app/api/revalidate/route.ts, set CMS_WEBHOOK_SECRET to the endpoint's
// signing secret (whsec_..., shown once in the CMS admin), and give the CMS's administrators
// https://<your site>/api/revalidate as the endpoint's URL.
//
// Verification follows Standard Webhooks (https://www.standardwebhooks.com/) with Node's
// crypto only; `new Webhook(secret).verify(body, headers)` from the `standardwebhooks` npm
// package does the same. Payload: ../../webhooks.schema.json. Tested by
// tests/webhooks/test_nextjs_example.py against real deliveries.
import { createHmac, timingSafeEqual } from "node:crypto";

import { revalidatePath, revalidateTag } from "next/cache";
import { NextResponse } from "next/server";

export const runtime = "nodejs"; // node:crypto
export const dynamic = "force-dynamic";

/** Deliveries older or newer than this (replays, clock skew) are refused. */
const TOLERANCE_SECONDS = 5 * 60;

export type WebhookPayload = {
  type: string;
  timestamp: string;
  data: {
    objectType: string;
    id: string;
    locale: string | null;
    paths: string[];
    tags: string[];
  };
};

export class InvalidWebhook extends Error {}

/** The payload of a delivery whose signature is valid; throws InvalidWebhook otherwise.
 * `body` must be the raw request body, exactly as received. */
export function verify(
  secret: string,
  headers: Headers,
  body: string,
  nowSeconds: number = Date.now() / 1000,
): WebhookPayload {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const signatures = headers.get("webhook-signature");
  if (!id || !timestamp || !signatures) {
    throw new InvalidWebhook("missing webhook-id, webhook-timestamp or webhook-signature");
  }
  const sentAt = Number(timestamp);
  if (!Number.isInteger(sentAt) || Math.abs(nowSeconds - sentAt) > TOLERANCE_SECONDS) {
    throw new InvalidWebhook("timestamp outside the tolerance");
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  // The header may carry several space-separated signatures (e.g. during a secret rotation).
  const valid = signatures.split(" ").some((candidate) => {
    const [version, value] = candidate.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) throw new InvalidWebhook("no valid signature");
  return JSON.parse(body) as WebhookPayload;
}

export async function POST(request: Request): Promise<Response> {
  const secret = process.env.CMS_WEBHOOK_SECRET;
  if (!secret) {
    return NextResponse.json({ error: "CMS_WEBHOOK_SECRET is not set" }, { status: 500 });
  }
  const body = await request.text();
  let payload: WebhookPayload;
  try {
    payload = verify(secret, request.headers, body);
  } catch (error) {
    if (error instanceof InvalidWebhook || error instanceof SyntaxError) {
      return NextResponse.json({ error: "invalid webhook" }, { status: 401 });
    }
    throw error;
  }
  const { tags, paths } = payload.data;
  // Tags first: they name exactly the fetches that used what changed (the API's Cache-Tag
  // header; tag your fetches with them). Paths cover pages rendered without tags. (Next.js 16
  // takes a cache-life profile as revalidateTag's second argument, e.g. "max".)
  for (const tag of tags) revalidateTag(tag);
  for (const path of paths) revalidatePath(path);
  // Answer at once (within the CMS's 5 s timeout): a non-2xx answer makes the CMS retry.
  return NextResponse.json({ type: payload.type, revalidated: { tags, paths } });
}
