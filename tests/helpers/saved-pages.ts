/**
 * Saved-page files written by the tests themselves, shaped as the real tools write them: a Chinese
 * news page's HTML, small PNG pictures, WARC records (plain or one gzip member per record), a zip (for
 * WACZ), MHTML messages (quoted-printable, base64, a GBK part). Nothing here is copied from a tool.
 */
import iconv from 'iconv-lite';
import { crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

export interface NewsPage {
  title: string;
  /** Printed under the title, e.g. `2024-03-05 09:30`. */
  time?: string;
  paragraphs: string[];
  /** Picture addresses, each shown in a figure with a caption. */
  images?: { src: string; caption: string }[];
  /** The `<meta charset>` written ('' writes none: the transport's charset is all there is). */
  charset?: string;
  /** Put before `<html>` (a saving tool's comment). */
  preamble?: string;
  /** Extra markup in <body> (scripts, remote pictures). */
  extra?: string;
}

export const BODY = [
  '新华社北京3月5日电 十四届全国人大二次会议5日上午在人民大会堂开幕，近三千名全国人大代表出席大会，认真审议政府工作报告。',
  '报告回顾了过去一年的工作，提出今年经济社会发展的主要预期目标，并对重点任务作出部署安排，受到代表们的广泛关注。',
  '代表们表示，要坚定信心、真抓实干，把各项决策部署落到实处，推动高质量发展取得新的更大成效，为全面建设社会主义现代化国家开好局。',
  '会议期间，代表们还将审议全国人大常委会工作报告、最高人民法院工作报告和最高人民检察院工作报告等文件。',
];

export function newsHtml(p: NewsPage): string {
  const figures = (p.images ?? [])
    .map(
      (im) =>
        `<p style="text-align:center"><img src="${im.src}" alt="${im.caption}"></p><p class="pic-title">${im.caption}</p>`,
    )
    .join('\n');
  return `${p.preamble ?? ''}<!DOCTYPE html>
<html lang="zh-CN"><head>${p.charset === '' ? '' : `<meta charset="${p.charset ?? 'utf-8'}">`}<title>${p.title}_新华网</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/world/">国际</a></div>
<div class="main"><h1>${p.title}</h1>
${p.time ? `<div class="info">${p.time} 来源：新华社</div>` : ''}
<div id="detail">
${p.paragraphs.map((t, i) => `<p>${t}</p>${i === 0 ? figures : ''}`).join('\n')}
</div>
<div class="editor">【责任编辑：王伟】</div></div>
${p.extra ?? ''}
<div class="footer">Copyright 新华网 版权所有</div></body></html>`;
}

/** A valid 2×2 PNG whose colour (and so whose bytes) is set by `seed`. */
export function png(seed: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.from([0, seed & 255, (seed >> 8) & 255, 99, seed & 255, 7, 200]);
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface WarcRecordSpec {
  type: 'warcinfo' | 'response' | 'resource' | 'revisit' | 'request';
  uri?: string;
  date?: string;
  /** For response and revisit records: the HTTP status line's code and headers. */
  status?: number;
  contentType?: string;
  payload?: Uint8Array | string;
  /** Write this Content-Length instead of the true one (a record that lies). */
  lieLength?: number;
}

let recordSeq = 0;

export function warcRecord(r: WarcRecordSpec): Buffer {
  const payload =
    typeof r.payload === 'string' ? Buffer.from(r.payload, 'utf8') : Buffer.from(r.payload ?? []);
  let block: Buffer;
  let blockType: string;
  if (r.type === 'response' || r.type === 'revisit') {
    const head =
      `HTTP/1.1 ${r.status ?? 200} ${r.status === 404 ? 'Not Found' : 'OK'}\r\n` +
      (r.contentType ? `Content-Type: ${r.contentType}\r\n` : '') +
      `Content-Length: ${payload.length}\r\n\r\n`;
    block = Buffer.concat([Buffer.from(head, 'latin1'), r.type === 'revisit' ? Buffer.alloc(0) : payload]);
    blockType = 'application/http; msgtype=response';
  } else {
    block = payload;
    blockType = r.contentType ?? 'application/warc-fields';
  }
  const headers = [
    'WARC/1.1',
    `WARC-Type: ${r.type}`,
    `WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(++recordSeq).padStart(12, '0')}>`,
    `WARC-Date: ${r.date ?? '2024-03-05T02:00:00Z'}`,
    ...(r.uri ? [`WARC-Target-URI: ${r.uri}`] : []),
    ...(r.type === 'revisit'
      ? [
          'WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest',
          `WARC-Refers-To-Target-URI: ${r.uri}`,
        ]
      : []),
    `Content-Type: ${blockType}`,
    `Content-Length: ${r.lieLength ?? block.length}`,
  ];
  return Buffer.concat([
    Buffer.from(headers.join('\r\n') + '\r\n\r\n', 'latin1'),
    block,
    Buffer.from('\r\n\r\n'),
  ]);
}

/** A WARC file: plain, or one gzip member per record (as the tools write `.warc.gz`). */
export function warcFile(records: WarcRecordSpec[], options: { gzip?: boolean } = {}): Buffer {
  const all = [{ type: 'warcinfo', payload: 'software: yuelan-tests\r\n' } as WarcRecordSpec, ...records];
  return Buffer.concat(all.map((r) => (options.gzip ? gzipSync(warcRecord(r)) : warcRecord(r))));
}

/** A zip of the entries (stored, or deflated), with a central directory: what a WACZ is. */
export function zipFile(entries: { name: string; data: Uint8Array; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.deflate ? deflateRawSync(e.data) : Buffer.from(e.data);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export interface MimePart {
  contentType: string;
  location?: string;
  contentId?: string;
  encoding: 'quoted-printable' | 'base64' | '8bit';
  body: Uint8Array;
}

/** An MHTML message as Chrome writes one (headers, then the parts between boundaries). */
export function mhtmlFile(parts: MimePart[], options: { url: string; date?: string }): Buffer {
  const boundary = '----MultipartBoundary--yuelanTestBoundary0123456789----';
  const out: Buffer[] = [
    Buffer.from(
      `From: <Saved by Blink>\r\nSnapshot-Content-Location: ${options.url}\r\n` +
        `Subject: =?utf-8?Q?test?=\r\nDate: ${options.date ?? 'Tue, 5 Mar 2024 10:00:00 +0800'}\r\n` +
        `MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${boundary}"\r\n\r\n\r\n`,
      'latin1',
    ),
  ];
  for (const p of parts) {
    const headers =
      `--${boundary}\r\nContent-Type: ${p.contentType}\r\n` +
      (p.contentId ? `Content-ID: <${p.contentId}>\r\n` : '') +
      `Content-Transfer-Encoding: ${p.encoding}\r\n` +
      (p.location ? `Content-Location: ${p.location}\r\n` : '') +
      '\r\n';
    const body =
      p.encoding === 'base64'
        ? Buffer.from(
            (
              Buffer.from(p.body)
                .toString('base64')
                .match(/.{1,76}/g) ?? []
            ).join('\r\n'),
            'latin1',
          )
        : p.encoding === 'quoted-printable'
          ? quotedPrintable(p.body)
          : Buffer.from(p.body);
    out.push(Buffer.from(headers, 'latin1'), body, Buffer.from('\r\n', 'latin1'));
  }
  out.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(out);
}

/** Quoted-printable with soft line breaks every 76 characters, as mail writers do. */
export function quotedPrintable(bytes: Uint8Array): Buffer {
  let line = '';
  const lines: string[] = [];
  for (const b of bytes) {
    const piece =
      (b >= 33 && b <= 126 && b !== 61) || b === 32
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (b === 10) {
      lines.push(line + '=0A=');
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      lines.push(line + '=');
      line = '';
    }
    line += piece;
  }
  lines.push(line);
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

/** GBK bytes of a text (Node decodes GBK but has no encoder: iconv-lite's). */
export function encodeGbk(text: string): Buffer {
  return iconv.encode(text, 'gbk');
}
