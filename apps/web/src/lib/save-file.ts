/** Hands a downloaded file to the browser's own download (the user's Downloads folder). */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started once click() returns; keep the URL a little longer for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
