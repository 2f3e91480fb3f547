//! One running app window reached through a WebDriver session, and the helpers tests use.

use super::*;
use crate::driver::TauriDriver;
use crate::process::*;

// ---------------------------------------------------------------------------
// App
// ---------------------------------------------------------------------------

/// One running app window, reached through a WebDriver session.
///
/// All selector helpers take CSS selectors, wait up to [`TIMEOUT`] for the
/// element, and panic with a readable message on failure.
pub struct App<'d> {
    /// The raw WebDriver client, for anything the helpers do not cover.
    pub client: Client,
    /// The store file this launch uses (`KEUKENTAFEL_DB`).
    pub db_path: PathBuf,
    driver: &'d TauriDriver,
    marker: String,
    _launcher: TempDir,
    closed: bool,
}

impl<'d> App<'d> {
    /// Launch `target/debug/keukentafel` with `KEUKENTAFEL_DB=db_path`, open
    /// a WebDriver session on its window, and unlock it through the real start
    /// screen with [`PASSPHRASE`] ([`App::unlock`]).
    ///
    /// `db_path` need not exist (the app creates the store); relative paths
    /// are made absolute. Panics if another app launched from `driver` is
    /// still running (call [`App::close`] first) or the window does not come
    /// up within [`LAUNCH_TIMEOUT`].
    pub async fn launch(driver: &'d TauriDriver, db_path: &Path) -> App<'d> {
        let app = App::launch_locked(driver, db_path).await;
        app.unlock(PASSPHRASE).await;
        app
    }

    /// Types `passphrase` on the start screen: once to unlock a store, twice for
    /// a new one (the first start). Waits until the start screen is gone.
    pub async fn unlock(&self, passphrase: &str) {
        let field = self
            .wait_for("#unlock-passphrase, #new-passphrase", TIMEOUT)
            .await;
        let id = field.attr("id").await.ok().flatten().unwrap_or_default();
        if id == "new-passphrase" {
            self.fill("#new-passphrase", passphrase).await;
            self.fill("#repeat-passphrase", passphrase).await;
        } else {
            self.fill("#unlock-passphrase", passphrase).await;
        }
        self.click("#unlock-submit").await;
        self.wait_gone("#unlock", TIMEOUT).await;
    }

    /// Like [`App::launch`], but leaves the window at the start screen.
    pub async fn launch_locked(driver: &'d TauriDriver, db_path: &Path) -> App<'d> {
        let binary = app_binary();
        let db_path = std::path::absolute(db_path).expect("cannot make db path absolute");

        let running = running_apps(driver);
        if !running.is_empty() {
            let names: Vec<String> = running.iter().map(|&p| describe_pid(p)).collect();
            panic!(
                "an app launched from this driver is still running ({}); \
                 call App::close() before launching again",
                names.join(", ")
            );
        }

        let marker = unique_marker("launch");
        let launcher = tempfile::Builder::new()
            .prefix("keukentafel-launch-")
            .tempdir()
            .expect("cannot create a temporary directory");
        let script = launcher.path().join("keukentafel");
        let db_str = db_path.to_str().expect("db path must be UTF-8");
        let bin_str = binary.to_str().expect("app path must be UTF-8");
        fs::write(
            &script,
            format!(
                "#!/bin/sh\nexport KEUKENTAFEL_DB={}\nexport {LAUNCH_MARKER_VAR}={}\nexec {} \"$@\"\n",
                shell_quote(db_str),
                shell_quote(&marker),
                shell_quote(bin_str),
            ),
        )
        .expect("cannot write the launcher script");
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755))
            .expect("cannot chmod the launcher script");

        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": script.to_str().unwrap() }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let connect = async {
            ClientBuilder::new(connector)
                .capabilities(caps)
                .connect(&driver.url())
                .await
        };
        let client = match tokio::time::timeout(LAUNCH_TIMEOUT, connect).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => panic!(
                "could not start a WebDriver session on {} for {}: {e}",
                driver.url(),
                binary.display()
            ),
            Err(_) => panic!(
                "the app window did not come up within {LAUNCH_TIMEOUT:?} \
                 (WebDriver session on {} for {})",
                driver.url(),
                binary.display()
            ),
        };

        App {
            client,
            db_path,
            driver,
            marker,
            _launcher: launcher,
            closed: false,
        }
    }

    /// End the WebDriver session and wait until the app process and its
    /// WebKit helpers have exited (so the store file is closed). Panics if
    /// they are still running after [`EXIT_TIMEOUT`] (and then kills them).
    pub async fn close(mut self) {
        self.closed = true;
        if let Err(e) = self.client.clone().close().await {
            eprintln!("e2e: ending the WebDriver session failed: {e}");
        }
        let marker = self.marker.clone();
        let gone = tokio::task::spawn_blocking(move || {
            wait_until_gone(LAUNCH_MARKER_VAR, &marker, EXIT_TIMEOUT)
        })
        .await
        .unwrap_or(false);
        if !gone {
            let left = pids_with_env(LAUNCH_MARKER_VAR, &self.marker);
            let names: Vec<String> = left.iter().map(|&p| describe_pid(p)).collect();
            signal(&left, libc::SIGKILL);
            panic!(
                "the app did not exit within {EXIT_TIMEOUT:?} after the WebDriver session \
                 ended; killed: {}",
                names.join(", ")
            );
        }
    }

    /// PIDs of this launch's processes (the app and its WebKit helpers).
    pub fn pids(&self) -> Vec<i32> {
        pids_with_env(LAUNCH_MARKER_VAR, &self.marker)
    }

    /// The driver this app was launched from.
    pub fn driver(&self) -> &'d TauriDriver {
        self.driver
    }

    // --- finding --------------------------------------------------------------

    /// Wait up to `timeout` for an element matching `css` and return it.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        match self.try_wait_for(css, timeout).await {
            Some(el) => el,
            None => panic!(
                "no element matching `{css}` within {timeout:?}\n{}",
                self.page_summary().await
            ),
        }
    }

    /// Like [`App::wait_for`] but returns `None` instead of panicking on timeout.
    ///
    /// Polls `find` itself rather than using fantoccini's wait: while the UI
    /// re-renders, WebKitWebDriver can answer "stale element" for a node it
    /// just found, which the built-in wait treats as fatal. Any error here just
    /// means "not there yet".
    pub async fn try_wait_for(&self, css: &str, timeout: Duration) -> Option<Element> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                return Some(el);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// All elements currently matching `css` (no waiting; may be empty).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find_all(`{css}`) failed: {e}"))
    }

    /// Number of elements currently matching `css` (no waiting).
    pub async fn count(&self, css: &str) -> usize {
        self.find_all(css).await.len()
    }

    /// Wait until no element matches `css`.
    pub async fn wait_gone(&self, css: &str, timeout: Duration) {
        let ok = self
            .poll(timeout, || async { self.count(css).await == 0 })
            .await;
        if !ok {
            panic!(
                "`{css}` still present after {timeout:?}\n{}",
                self.page_summary().await
            );
        }
    }

    /// Poll `cond` every 50 ms until it returns true; panics with `what` on timeout.
    pub async fn wait_until<F, Fut>(&self, what: &str, timeout: Duration, cond: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        if !self.poll(timeout, cond).await {
            panic!(
                "timed out after {timeout:?} waiting for: {what}\n{}",
                self.page_summary().await
            );
        }
    }

    async fn poll<F, Fut>(&self, timeout: Duration, mut cond: F) -> bool
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + timeout;
        loop {
            if cond().await {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    // --- reading --------------------------------------------------------------

    /// The rendered text of an element, as the page itself sees it (`innerText`).
    ///
    /// WebKitWebDriver's own "element text" leaves out text in some laid-out
    /// children (flex/grid cells with overflow rules), so the harness asks the
    /// page instead.
    async fn inner_text(&self, el: &Element) -> Result<String, CmdError> {
        let el_json = serde_json::to_value(el).expect("element serializes");
        let v = self.client.execute("return arguments[0].innerText;", vec![el_json]).await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// Visible text of the first element matching `css` (waits for it).
    pub async fn text(&self, css: &str) -> String {
        let el = self.wait_for(css, TIMEOUT).await;
        self.inner_text(&el)
            .await
            .unwrap_or_else(|e| panic!("reading text of `{css}` failed: {e}"))
    }

    /// The `innerText` of every element currently matching `css`, in document
    /// order (no waiting; may be empty). One round trip, so no stale elements.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let v = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText);",
                vec![Value::String(css.to_owned())],
            )
            .await
            .unwrap_or_else(|e| panic!("reading texts of `{css}` failed: {e}"));
        v.as_array()
            .map(|a| a.iter().map(|t| t.as_str().unwrap_or_default().to_owned()).collect())
            .unwrap_or_default()
    }

    /// Wait until *some* element matching `css` has text containing `needle`
    /// (so `[data-testid=household-row]` finds the right row of a list);
    /// returns that element's text.
    pub async fn wait_for_text(&self, css: &str, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut last = String::new();
        loop {
            let texts = self.texts(css).await;
            if let Some(t) = texts.iter().find(|t| t.contains(needle)) {
                return t.clone();
            }
            if !texts.is_empty() {
                last = texts.join(" | ");
            }
            if Instant::now() >= deadline {
                panic!(
                    "`{css}` did not show {needle:?} within {timeout:?}; last text: {last:?}\n{}",
                    self.page_summary().await
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The `value` property of the form control matching `css`.
    pub async fn value(&self, css: &str) -> String {
        let el = self.wait_for(css, TIMEOUT).await;
        el.prop("value")
            .await
            .unwrap_or_else(|e| panic!("reading value of `{css}` failed: {e}"))
            .unwrap_or_default()
    }

    /// An attribute of the element matching `css` (`None` if absent).
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let el = self.wait_for(css, TIMEOUT).await;
        el.attr(name)
            .await
            .unwrap_or_else(|e| panic!("reading attribute {name} of `{css}` failed: {e}"))
    }

    // --- acting ---------------------------------------------------------------

    /// Click the element matching `css` (waits for it to exist and to accept
    /// the click, e.g. while it is still disabled or covered).
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let el = self.wait_for(css, TIMEOUT).await;
            match el.click().await {
                Ok(()) => return,
                // Not interactable yet (disabled, covered, re-rendered): retry.
                Err(_) if Instant::now() < deadline => tokio::time::sleep(POLL).await,
                Err(e) => panic!(
                    "clicking `{css}` failed: {e}\n{}",
                    self.page_summary().await
                ),
            }
        }
    }

    /// Clear the input/textarea matching `css`, then type `text` into it.
    ///
    /// After the WebDriver clear the value is also emptied from script and an
    /// `input` event fired, so frameworks that listen to `input` (Svelte's
    /// `bind:value`) see the empty value before the keystrokes arrive.
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.wait_for(css, TIMEOUT).await;
        el.clear()
            .await
            .unwrap_or_else(|e| panic!("clearing `{css}` failed: {e}"));
        let el_json = serde_json::to_value(&el).expect("element serializes");
        self.client
            .execute(
                "const el = arguments[0];
                 if (el.value !== '') {
                   const proto = Object.getPrototypeOf(el);
                   const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
                   setter ? setter.call(el, '') : (el.value = '');
                 }
                 el.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![el_json],
            )
            .await
            .unwrap_or_else(|e| panic!("clearing `{css}` from script failed: {e}"));
        if !text.is_empty() {
            el.send_keys(text)
                .await
                .unwrap_or_else(|e| panic!("typing into `{css}` failed: {e}"));
        }
    }

    /// Choose the `<option>` with `value` in the `<select>` matching `css`.
    pub async fn select(&self, css: &str, value: &str) {
        let el = self.wait_for(css, TIMEOUT).await;
        el.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("selecting {value:?} in `{css}` failed: {e}"));
    }

    /// Run JavaScript in the page (`arguments[i]` are `args`) and return its result.
    pub async fn eval(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Save a PNG screenshot of the window to `path` (for debugging).
    pub async fn screenshot(&self, path: &Path) {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot failed: {e}"));
        fs::write(path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Short description of the page (title + start of the body text) for
    /// failure messages. Never panics.
    pub async fn page_summary(&self) -> String {
        let title = self.client.title().await.unwrap_or_default();
        let body = match self.client.find(Locator::Css("body")).await {
            Ok(b) => self.inner_text(&b).await.unwrap_or_default(),
            Err(e) => format!("<no body: {e}>"),
        };
        let mut body: String = body.chars().take(1500).collect();
        if body.is_empty() {
            body = "<empty>".into();
        }
        format!("page title: {title:?}\npage text:\n{body}")
    }
}

/// Processes launched from `driver` by any App (used to refuse overlapping launches).
pub(crate) fn running_apps(driver: &TauriDriver) -> Vec<i32> {
    pids_with_env(DRIVER_MARKER_VAR, &driver.marker)
        .into_iter()
        .filter(|&pid| {
            fs::read(format!("/proc/{pid}/environ"))
                .map(|env| {
                    env.split(|&b| b == 0)
                        .any(|kv| kv.starts_with(format!("{LAUNCH_MARKER_VAR}=").as_bytes()))
                })
                .unwrap_or(false)
        })
        .collect()
}

impl Drop for App<'_> {
    fn drop(&mut self) {
        if self.closed {
            return;
        }
        // Not closed (a panic in the test, most likely): don't leave the app
        // running with the store open. The session itself dies with tauri-driver.
        let left = pids_with_env(LAUNCH_MARKER_VAR, &self.marker);
        signal(&left, libc::SIGKILL);
        wait_until_gone(LAUNCH_MARKER_VAR, &self.marker, Duration::from_secs(5));
    }
}
