import { randomBytes } from "node:crypto";
import type { PhotoSize } from "grammy/types";

export type FileKind = "photo" | "document" | "voice" | "audio" | "video";

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  kind: FileKind;
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  /** Seconds of voice, audio or video; re-sending by file_id keeps it, as Telegram does. */
  duration?: number;
}

const ID_PREFIX: Record<FileKind, string> = {
  photo: "AgACAgIAAxk", document: "BQACAgIAAxk", voice: "AwACAgIAAxk", audio: "CQACAgIAAxk", video: "BAACAgIAAxk",
};
const FOLDER: Record<FileKind, string> = { photo: "photos", document: "documents", voice: "voice", audio: "music", video: "videos" };
const DEFAULT_EXT: Record<FileKind, string> = { photo: "jpg", document: "dat", voice: "oga", audio: "mp3", video: "mp4" };

const MIME_BY_EXT: Record<string, string> = {
  pdf: "application/pdf", csv: "text/csv", txt: "text/plain", json: "application/json",
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zip: "application/zip",
  ogg: "audio/ogg", oga: "audio/ogg", opus: "audio/ogg", mp3: "audio/mpeg", m4a: "audio/mp4", mp4: "video/mp4",
};

export function guessMimeType(fileName: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return MIME_BY_EXT[ext] ?? "application/octet-stream";
}

/** Everything users or the bot uploaded, addressable by file_id and by download path. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  add(kind: FileKind, bytes: Buffer, meta: { fileName?: string; mimeType?: string } = {}): StoredFile {
    this.counter += 1;
    const n = this.counter;
    const ext = /\.([a-z0-9]+)$/i.exec(meta.fileName ?? "")?.[1]?.toLowerCase() ?? DEFAULT_EXT[kind];
    const file: StoredFile = {
      fileId: `${ID_PREFIX[kind]}${n}_${randomBytes(12).toString("base64url")}`,
      fileUniqueId: `AQAD${n}${randomBytes(3).toString("base64url")}`,
      filePath: `${FOLDER[kind]}/file_${n}.${ext}`,
      kind,
      bytes,
      ...meta,
      ...(kind === "photo" ? imageSize(bytes) : {}),
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  getByPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }

  /** Real photo messages carry several sizes, smallest first; bots that take `photo[0]` get the thumbnail. */
  photoSizes(file: StoredFile): PhotoSize[] {
    const width = file.width ?? 800;
    const height = file.height ?? 600;
    const full = toPhotoSize(file, width, height);
    if (Math.max(width, height) <= 90) return [full];
    const scale = 90 / Math.max(width, height);
    const thumb = this.add("photo", file.bytes);
    return [toPhotoSize(thumb, Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))), full];
  }
}

function toPhotoSize(file: StoredFile, width: number, height: number): PhotoSize {
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, width, height, file_size: file.bytes.length };
}

/** Reads PNG/JPEG headers so QR codes and screenshots report their real dimensions. */
function imageSize(bytes: Buffer): { width?: number; height?: number } {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let pos = 2;
    while (pos + 9 < bytes.length && bytes[pos] === 0xff) {
      const marker = bytes[pos + 1] ?? 0;
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (isFrame) return { height: bytes.readUInt16BE(pos + 5), width: bytes.readUInt16BE(pos + 7) };
      pos += 2 + bytes.readUInt16BE(pos + 2);
    }
  }
  return {};
}
