// Copying a text field's value to the clipboard, also in webviews without the async clipboard.

/** Copies the value of `el`; true when it worked. */
export async function copyValue(el: HTMLTextAreaElement | HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(el.value);
    return true;
  } catch {
    // Older webviews: copy the selected text.
    el.focus();
    el.select();
    return document.execCommand('copy');
  }
}
