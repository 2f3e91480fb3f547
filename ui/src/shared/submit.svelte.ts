// Submitting a form, the same way in every form: check in the browser, send, and while sending
// show "Bezig met opslaan…"; when the store refuses, show each field error under its input and
// everything else (other fields, other errors) in the form's banner, then focus the first input
// with an error.
//
//   const submit = createSubmit({ fields: ['name'], send: () => api.saveProfile(input), onOk });
//   <form bind:this={submit.form} onsubmit={submit.onsubmit}> … error={submit.fieldErrors.name}
//   <ErrorBanner messages={submit.banner} />  <button disabled={submit.saving}>
import { toApiError, type ApiError } from './api';
import { fieldErrorsOf, focusFirstError, localMessage, unplacedErrors, type FieldErrors, type Message } from './forms';
import { texts } from './texts';

export type SubmitOptions<T> = {
  /** The names of the form's inputs; errors of other fields are shown in the banner. */
  fields: readonly string[];
  /** Sends the form (a command of the feature's api). */
  send: () => Promise<T>;
  /** What happens after the store accepted the form. */
  onOk: (result: T) => void;
  /** Checks in the browser before sending; any error stops the submit. */
  check?: () => FieldErrors;
  /**
   * Also say "Niet alles is goed ingevuld…" (`common.formHasErrors`) in the banner when every
   * error is shown at its field. The long household form does; the short forms do not.
   */
  formHasErrors?: boolean;
};

export class FormSubmit<T> {
  /** True while the form is being sent. */
  saving = $state(false);
  /** The error of each input, in both languages. */
  fieldErrors = $state<FieldErrors>({});
  /** What the form's banner shows. */
  banner = $state<Message[]>([]);
  /** The last refusal, if the last send failed. */
  error = $state<ApiError | null>(null);
  /** The form element (`bind:this={submit.form}`), to focus the first input with an error. */
  form = $state<HTMLFormElement | undefined>();

  readonly #options: SubmitOptions<T>;

  constructor(options: SubmitOptions<T>) {
    this.#options = options;
  }

  /** For `<form onsubmit={submit.onsubmit}>`. */
  onsubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    void this.submit();
  };

  /** Checks, then sends; true when the store accepted the form. */
  async submit(): Promise<boolean> {
    this.banner = [];
    this.error = null;
    this.fieldErrors = this.#options.check?.() ?? {};
    if (Object.keys(this.fieldErrors).length) {
      if (this.#options.formHasErrors) this.banner = [localMessage(texts.common.formHasErrors)];
      focusFirstError(this.form);
      return false;
    }
    return this.run(this.#options.send, this.#options.onOk);
  }

  /**
   * Sends something else from the same form (say "archive this visit"), with the same saving
   * state and error display, without the browser checks. True when the store accepted it.
   */
  async run<R>(send: () => Promise<R>, onOk: (result: R) => void): Promise<boolean> {
    this.saving = true;
    try {
      onOk(await send());
      return true;
    } catch (e) {
      this.#show(toApiError(e));
      return false;
    } finally {
      this.saving = false;
    }
  }

  #show(err: ApiError): void {
    this.error = err;
    this.fieldErrors = fieldErrorsOf(err);
    if (err.code !== 'validation') {
      this.banner = [err];
    } else {
      this.banner = unplacedErrors(this.fieldErrors, this.#options.fields);
      if (this.banner.length === 0 && this.#options.formHasErrors) {
        this.banner = [localMessage(texts.common.formHasErrors)];
      }
    }
    focusFirstError(this.form);
  }
}

/** The submit state of one form; see the top of this file. */
export function createSubmit<T>(options: SubmitOptions<T>): FormSubmit<T> {
  return new FormSubmit(options);
}
