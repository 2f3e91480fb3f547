import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from './api';
import { createSubmit } from './submit.svelte';

const FORM_HAS_ERRORS = {
  message: 'Niet alles is goed ingevuld. Kijk bij de rode teksten.',
  message_en: 'Not everything is filled in correctly. See the red texts.',
};

function validation(...fields: [string, string][]): ApiError {
  return {
    code: 'validation',
    message: 'Niet alles is goed ingevuld.',
    message_en: 'Not everything is filled in correctly.',
    fields: fields.map(([field, message]) => ({ field, code: 'invalid', message, message_en: `${message} (en)` })),
  };
}

const busy: ApiError = { code: 'store_busy', message: 'Bezet', message_en: 'Busy', fields: [] };

beforeEach(() => {
  // Focusing the first error waits for a frame; there are no frames (and no form) here.
  vi.stubGlobal('requestAnimationFrame', (fn: () => void) => fn());
});

describe('submitting a form', () => {
  it('saves, shows the saving state while sending, and hands over the result', async () => {
    let resolve!: (v: string) => void;
    const onOk = vi.fn();
    const submit = createSubmit({ fields: ['name'], send: () => new Promise<string>((r) => (resolve = r)), onOk });

    const done = submit.submit();
    expect(submit.saving).toBe(true);
    resolve('saved');
    expect(await done).toBe(true);

    expect(submit.saving).toBe(false);
    expect(onOk).toHaveBeenCalledWith('saved');
    expect(submit.fieldErrors).toEqual({});
    expect(submit.banner).toEqual([]);
    expect(submit.error).toBeNull();
  });

  it('does not send when the browser check finds errors', async () => {
    const send = vi.fn(async () => 'x');
    const nameRequired = { message: 'Vul een naam in.', message_en: 'Enter a name.' };
    const submit = createSubmit({ fields: ['name'], check: () => ({ name: nameRequired }), send, onOk: () => {} });

    expect(await submit.submit()).toBe(false);

    expect(send).not.toHaveBeenCalled();
    expect(submit.fieldErrors).toEqual({ name: nameRequired });
    expect(submit.banner).toEqual([]);
    expect(submit.saving).toBe(false);
  });

  it('says that the form has errors when asked to', async () => {
    const submit = createSubmit({
      fields: ['name'],
      formHasErrors: true,
      check: () => ({ name: { message: 'a', message_en: 'b' } }),
      send: async () => 'x',
      onOk: () => {},
    });
    await submit.submit();
    expect(submit.banner).toEqual([FORM_HAS_ERRORS]);
  });

  it('puts each field error under its field, the first one per field, and the rest in the banner', async () => {
    const onOk = vi.fn();
    const submit = createSubmit({
      fields: ['name', 'postcode'],
      send: () => Promise.reject(validation(['postcode', 'Postcode fout'], ['postcode', 'Tweede'], ['base', 'Verouderd'])),
      onOk,
    });

    expect(await submit.submit()).toBe(false);

    expect(onOk).not.toHaveBeenCalled();
    expect(submit.fieldErrors).toEqual({
      postcode: { message: 'Postcode fout', message_en: 'Postcode fout (en)' },
      base: { message: 'Verouderd', message_en: 'Verouderd (en)' },
    });
    expect(submit.banner).toEqual([{ message: 'Verouderd', message_en: 'Verouderd (en)' }]);
    expect(submit.error?.code).toBe('validation');
    expect(submit.saving).toBe(false);
  });

  it('leaves the banner empty when every field error is placed, unless asked to say so', async () => {
    const send = () => Promise.reject(validation(['name', 'Vul een naam in.']));
    const quiet = createSubmit({ fields: ['name'], send, onOk: () => {} });
    const loud = createSubmit({ fields: ['name'], send, onOk: () => {}, formHasErrors: true });
    await quiet.submit();
    await loud.submit();
    expect(quiet.banner).toEqual([]);
    expect(loud.banner).toEqual([FORM_HAS_ERRORS]);
    expect(loud.fieldErrors.name.message).toBe('Vul een naam in.');
  });

  it('shows any other refusal in the banner', async () => {
    const submit = createSubmit({ fields: ['name'], send: () => Promise.reject(busy), onOk: () => {} });
    await submit.submit();
    expect(submit.fieldErrors).toEqual({});
    expect(submit.banner).toEqual([busy]);
    expect(submit.error).toEqual(busy);
  });

  it('turns an unexpected rejection into an internal error', async () => {
    const submit = createSubmit({ fields: [], send: () => Promise.reject(new Error('boom')), onOk: () => {} });
    await submit.submit();
    expect(submit.error?.code).toBe('internal');
    expect(submit.banner).toHaveLength(1);
  });

  it('clears the errors of the last attempt when submitting again', async () => {
    let fail = true;
    const submit = createSubmit({
      fields: ['name'],
      send: async () => {
        if (fail) throw busy;
        return 'ok';
      },
      onOk: () => {},
    });
    await submit.submit();
    fail = false;
    expect(await submit.submit()).toBe(true);
    expect(submit.banner).toEqual([]);
    expect(submit.error).toBeNull();
  });

  it('runs another command of the form without the browser check', async () => {
    const check = vi.fn(() => ({ name: { message: 'a', message_en: 'b' } }));
    const onArchived = vi.fn();
    const submit = createSubmit({ fields: ['name'], check, send: async () => 'saved', onOk: () => {} });

    expect(await submit.run(async () => 'archived', onArchived)).toBe(true);
    expect(check).not.toHaveBeenCalled();
    expect(onArchived).toHaveBeenCalledWith('archived');

    expect(await submit.run(() => Promise.reject(busy), onArchived)).toBe(false);
    expect(submit.banner).toEqual([busy]);
  });

  it('stops the browser from submitting the form itself', async () => {
    const onOk = vi.fn();
    const submit = createSubmit({ fields: [], send: async () => 1, onOk });
    const event = { preventDefault: vi.fn() } as unknown as SubmitEvent;
    submit.onsubmit(event);
    await vi.waitFor(() => expect(onOk).toHaveBeenCalledWith(1));
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
