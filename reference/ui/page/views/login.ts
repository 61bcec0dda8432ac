/** The sign-in form: a bearer token, never anonymous access. */
import { html } from 'lit-html';

export function loginView(error: string | undefined, submit: (token: string) => void) {
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    if (input.value.trim()) submit(input.value.trim());
  };
  return html`
    <main class="login" id="main">
      <h1>kubespec <span class="sub">live view</span></h1>
      <p>Sign in with a bearer token: the admin's, from the kubeconfig <code>kubespec serve</code> wrote
        (<code>kubectl config view --raw -o jsonpath='{.users[0].user.token}'</code>), or the viewer token it printed.</p>
      <form @submit=${onSubmit} aria-describedby="login-error">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required autofocus />
        <button type="submit">Sign in</button>
      </form>
      <p id="login-error" class="error" role="alert">${error ?? ''}</p>
    </main>
  `;
}
