import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CALL_DOCUMENT_MAX_BYTES } from '@stagegate/core/call/call-document';
import type { AppContext } from '../../context.ts';
import { canProgram } from '../../policies/program-policy.ts';
import { ApiError, invalid, notFound } from '../errors.ts';
import { blobStoreFor } from '../../blobs/blob-store-for.ts';
import { callDocumentFor, storeCallDocument } from '../../programs/call-documents.ts';
import { getProgram } from '../../programs/program-store.ts';
import { attachmentDisposition } from '../../documents/safe-file-name.ts';

const tags = ['calls'];
import { programsContract as c } from '@stagegate/core/contract/programs';

export const callDocumentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const blobs = blobStoreFor(ctx);
    const { default: multipart } = await import('@fastify/multipart');
    // one byte past the bound so the blob store, not the parser, says "too large" with the file named
    await app.register(multipart, { limits: { fileSize: CALL_DOCUMENT_MAX_BYTES + 1, files: 1, fields: 5 } });

    app.post(
      c.uploadCallDocument.path,
      {
        config: { authorize: (a) => canProgram(a, 'update') },
        schema: {
          ...c.uploadCallDocument.schema,
          tags,
          summary:
            'Upload a call document (multipart field "file"): PDF, HWP, HWPX, DOCX or XLSX judged by content, at most 30 MB; it joins a call through the program change',
        },
      },
      async (req, reply) => {
        if (!(await getProgram(ctx.db, req.params.slug))) throw notFound(`program "${req.params.slug}"`);
        if (!req.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data in a field named "file"', 'file');
        const file = await req.file();
        if (!file) throw invalid([{ field: 'file', message: { ko: '파일이 없습니다', en: 'no file in the request' } }]);
        const res = await storeCallDocument(blobs, { stream: file.file, fileName: file.filename });
        if (res.status === 'invalid') throw invalid([{ field: 'file', message: res.message }]);
        if (res.status === 'too_large') throw new ApiError(413, 'too_large', res.message.en, 'file', [{ field: 'file', message: res.message }]);
        const { status: _, ...document } = res;
        return reply.status(201).send({ document });
      },
    );

    app.get(
      c.callDocument.path,
      {
        config: { authorize: () => true },
        schema: { ...c.callDocument.schema, tags, summary: 'Download a document the call lists: public once the call has opened, the office always' },
      },
      async (req, reply) => {
        const p = req.params;
        const access = await callDocumentFor(ctx.db, req.actor, p.program, p.call, p.sha256);
        // a call not yet announced does not say which files it will publish
        if (access.status !== 'ok') throw notFound('call document');
        const bytes = await blobs.open(access.document.sha256);
        if (!bytes) throw notFound('call document file');
        return reply
          .type(access.document.mediaType)
          .header('content-length', access.document.sizeBytes)
          .header('content-disposition', attachmentDisposition(access.document.fileName, 'document'))
          .send(bytes);
      },
    );
  };
