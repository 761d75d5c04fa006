/**
 * A CSV file answered as a download, streamed on demand: the next piece is produced only when
 * the client has read the previous one, so a slow reader holds back the database reads instead
 * of letting them pile up in memory. Stopping the download stops the pieces.
 */
export function csvDownload(pieces: AsyncGenerator<string>, fileName: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await pieces.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await pieces.return(undefined);
      },
    },
    // No read-ahead: one piece (a page of rows) at a time.
    { highWaterMark: 0 },
  );
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
}

/** A name safe in a file name and a header: lower case letters, digits and dashes. */
export function fileSlug(name: string, fallback: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || fallback;
}
