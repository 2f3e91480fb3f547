//! End-to-end harness: drive the real Keukentafel window through WebDriver.
//!
//! The chain is: test → [`fantoccini`] (HTTP) → `tauri-driver` → `WebKitWebDriver`
//! → `target/debug/keukentafel` (the real app, real WebKitGTK webview, real SQLite
//! store). Nothing is mocked.
//!
//! # Running
//!
//! `make test` builds everything and runs these tests. By hand:
//!
//! ```text
//! (cd ui && npm run build) && cargo build --workspace --all-targets
//! xvfb-run -a cargo nextest run --workspace -E 'package(keukentafel-e2e)' --test-threads 1
//! ```
//!
//! A display is required (`DISPLAY` or `WAYLAND_DISPLAY`); on a headless machine
//! use `xvfb-run -a`. The app binary is not built by these tests: build it first
//! (`cargo build -p keukentafel-app` or `make test`), otherwise [`app_binary`]
//! panics saying so. The app embeds `ui/dist` at compile time, so rebuild the app
//! after rebuilding the UI.
//!
//! # Writing a test
//!
//! ```no_run
//! use keukentafel_e2e::{App, TauriDriver, TIMEOUT};
//!
//! #[tokio::test(flavor = "multi_thread")]
//! async fn household_survives_restart() {
//!     let driver = TauriDriver::start(&[]);           // one per test
//!     let dir = tempfile::tempdir().unwrap();
//!     let db = dir.path().join("store.sqlite3");      // fresh store
//!
//!     let app = App::launch(&driver, &db).await;
//!     app.wait_for_text("body", "Keukentafel", TIMEOUT).await;
//!     app.click("[data-testid=add-household]").await;
//!     app.fill("input[name=name]", "Jansen").await;
//!     app.click("button[type=submit]").await;
//!     app.wait_for_text("main", "Jansen", TIMEOUT).await;
//!     app.close().await;                              // app process is gone after this
//!
//!     let app = App::launch(&driver, &db).await;      // same store, new process
//!     app.wait_for_text("main", "Jansen", TIMEOUT).await;
//!     app.close().await;
//! }
//! ```
//!
//! Store contents can also be prepared or checked with the real CLI, see [`cli`]
//! (e.g. `cli(&["demo", "--db", db, "--households", "3", "--seed", "1"])` before
//! launching, `cli(&["dump", "--db", db])` after closing).
//!
//! # Rules the harness follows (and tests should too)
//!
//! * **Waits, not sleeps.** Every helper that takes a CSS selector waits up to
//!   [`TIMEOUT`] for the element to appear; [`App::wait_for_text`],
//!   [`App::wait_gone`] and [`App::wait_until`] poll for a condition. The
//!   first WebKitWebDriver start after boot can take several seconds.
//! * **Helpers panic** with a message naming the selector and what the page
//!   showed, so a failing test reads well in the nextest output. The raw
//!   [`fantoccini::Client`] is public ([`App::client`]) for anything else.
//! * **Isolation.** Each [`TauriDriver`] gets free TCP ports (chosen by the OS,
//!   not fixed 4444/4445: a leftover WebKitWebDriver from a crashed run can
//!   then not break the next run) and its own temporary `XDG_DATA_HOME`,
//!   `XDG_CONFIG_HOME` and `XDG_CACHE_HOME`, so the webview's own storage
//!   never leaks between tests. Each [`App::launch`] gets its own
//!   `KEUKENTAFEL_DB`.
//! * **Serial.** Tests could run in parallel port-wise, but two WebKit
//!   instances on a 2-core machine make timing flaky; `make test` runs them
//!   with `--test-threads 1`. nextest runs every test in its own process.
//! * **Clean shutdown.** [`App::close`] ends the WebDriver session and then
//!   waits until the app process (and its WebKit helper processes) have
//!   exited, so a following [`App::launch`] on the same store really is a
//!   restart. Dropping an [`App`] without `close` (e.g. on panic) kills its
//!   processes. Dropping the [`TauriDriver`] sends `SIGTERM` to tauri-driver
//!   (never `SIGKILL`: tauri-driver only stops WebKitWebDriver from its SIGTERM
//!   handler) and then reaps anything still carrying its marker.
//!
//! # How the environment reaches the app
//!
//! WebKitWebDriver starts the "browser" binary with the environment of
//! tauri-driver, and a session can only name a binary and arguments. So
//! driver-wide variables are given to [`TauriDriver::start`], and for the
//! per-launch `KEUKENTAFEL_DB` [`App::launch`] writes a two-line `sh` wrapper
//! (`export KEUKENTAFEL_DB=…; exec target/debug/keukentafel "$@"`) into a temp
//! dir and hands that to tauri-driver as the application. The wrapper also
//! exports a unique marker variable by which the harness finds the app's
//! processes in `/proc`.

use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub use fantoccini;
use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use tempfile::TempDir;

/// Default time a helper waits for an element or a condition.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How long [`TauriDriver::start`] waits for its ports to open.
pub const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(20);

/// How long [`App::launch`] waits for the session (= the app window) to come up.
pub const LAUNCH_TIMEOUT: Duration = Duration::from_secs(60);

/// How long [`App::close`] waits for the app's processes to exit.
pub const EXIT_TIMEOUT: Duration = Duration::from_secs(15);

const POLL: Duration = Duration::from_millis(50);

/// Environment variable carrying a driver's marker (inherited by everything it starts).
const DRIVER_MARKER_VAR: &str = "KEUKENTAFEL_E2E_DRIVER";
/// Environment variable carrying one launch's marker (set by the wrapper script).
const LAUNCH_MARKER_VAR: &str = "KEUKENTAFEL_E2E_LAUNCH";

// ---------------------------------------------------------------------------
// Paths and binaries
// ---------------------------------------------------------------------------

/// The repository root (the Cargo workspace root).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` (relative to the workspace
/// root if relative) or `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        _ => workspace_root().join("target"),
    }
}

fn built_binary(name: &str, package: &str) -> PathBuf {
    let path = target_dir().join("debug").join(name);
    if !path.is_file() {
        panic!(
            "{} is not built (looked for {}).\n\
             Build it first: `make test` does everything, or by hand \
             `(cd ui && npm ci && npm run build) && cargo build -p {package}`.",
            name,
            path.display()
        );
    }
    path
}

/// Absolute path of the debug app binary `target/debug/keukentafel`.
///
/// Panics with instructions if it has not been built.
pub fn app_binary() -> PathBuf {
    built_binary("keukentafel", "keukentafel-app")
}

/// Absolute path of the debug CLI binary `target/debug/keukentafel-cli`.
pub fn cli_binary() -> PathBuf {
    built_binary("keukentafel-cli", "keukentafel-cli")
}

/// Run `keukentafel-cli` with `args` and return its stdout.
///
/// Panics (showing stderr) if it exits non-zero. Paths can be passed with
/// `path.to_str().unwrap()`.
pub fn cli(args: &[&str]) -> String {
    let bin = cli_binary();
    let out = Command::new(&bin)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    if !out.status.success() {
        panic!(
            "keukentafel-cli {} failed ({}):\n{}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8(out.stdout).expect("keukentafel-cli printed non-UTF-8")
}

/// Find an executable on `PATH`, then in `$CARGO_HOME/bin` / `~/.cargo/bin`.
fn find_executable(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| {
        p.is_file()
            && p.metadata()
                .map(|m| m.permissions().mode() & 0o111 != 0)
                .unwrap_or(false)
    })
}

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

fn unique_marker(kind: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{kind}-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// PIDs of live processes whose environment contains `var=value` exactly.
fn pids_with_env(var: &str, value: &str) -> Vec<i32> {
    let needle = format!("{var}={value}");
    let me = std::process::id() as i32;
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|&pid| pid != me)
        .filter(|&pid| {
            // Zombies have an empty environ; they are gone for our purposes.
            fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|&b| b == 0).any(|kv| kv == needle.as_bytes()))
                .unwrap_or(false)
        })
        .collect()
}

fn describe_pid(pid: i32) -> String {
    let cmd = fs::read(format!("/proc/{pid}/cmdline"))
        .map(|c| {
            c.split(|&b| b == 0)
                .filter(|s| !s.is_empty())
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    format!("pid {pid} ({cmd})")
}

fn signal(pids: &[i32], sig: i32) {
    for &pid in pids {
        // SAFETY: plain kill(2); the pid was just read from /proc and an
        // already-exited process only yields ESRCH.
        unsafe {
            libc::kill(pid, sig);
        }
    }
}

/// Poll until no process carries `var=value`; true if that happened in time.
fn wait_until_gone(var: &str, value: &str, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if pids_with_env(var, value).is_empty() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(POLL);
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

// ---------------------------------------------------------------------------
// TauriDriver
// ---------------------------------------------------------------------------

/// A running `tauri-driver` (which runs `WebKitWebDriver` behind it).
///
/// Start one per test with [`TauriDriver::start`]; launch the app with
/// [`App::launch`] as often as needed (one at a time). Dropping it stops
/// tauri-driver with SIGTERM and waits for it.
pub struct TauriDriver {
    child: Option<Child>,
    port: u16,
    native_port: u16,
    marker: String,
    tmp: TempDir,
}

impl TauriDriver {
    /// Start `tauri-driver` on two free local ports and wait until both
    /// tauri-driver and WebKitWebDriver accept connections.
    ///
    /// `env` is added to tauri-driver's environment and therefore reaches
    /// WebKitWebDriver and every app it launches. `XDG_DATA_HOME`,
    /// `XDG_CONFIG_HOME` and `XDG_CACHE_HOME` are already set to a fresh
    /// temporary directory (pass them in `env` to override).
    ///
    /// Panics with a clear message if there is no display, a binary is
    /// missing, or the ports do not open within [`DRIVER_START_TIMEOUT`].
    pub fn start(env: &[(&str, &str)]) -> TauriDriver {
        let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
        if !has_display {
            panic!(
                "no display (neither DISPLAY nor WAYLAND_DISPLAY is set): run the end-to-end \
                 tests under `xvfb-run -a` (as `make test` does)"
            );
        }
        let bin = find_executable("tauri-driver").unwrap_or_else(|| {
            panic!(
                "tauri-driver not found on PATH or in ~/.cargo/bin: run `.ci/setup` \
                 (or `cargo install tauri-driver --version ^2 --locked`)"
            )
        });
        if find_executable("WebKitWebDriver").is_none() {
            panic!(
                "WebKitWebDriver not found on PATH: run `.ci/setup` \
                 (Debian package webkit2gtk-driver)"
            );
        }

        let tmp = tempfile::Builder::new()
            .prefix("keukentafel-e2e-")
            .tempdir()
            .expect("cannot create a temporary directory");
        for sub in ["data", "config", "cache"] {
            fs::create_dir_all(tmp.path().join(sub)).expect("cannot create XDG dirs");
        }
        let (port, native_port) = free_port_pair();
        let marker = unique_marker("driver");

        let mut cmd = Command::new(&bin);
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .env(DRIVER_MARKER_VAR, &marker)
            .env("XDG_DATA_HOME", tmp.path().join("data"))
            .env("XDG_CONFIG_HOME", tmp.path().join("config"))
            .env("XDG_CACHE_HOME", tmp.path().join("cache"))
            .stdin(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));

        let mut driver = TauriDriver {
            child: Some(child),
            port,
            native_port,
            marker,
            tmp,
        };
        driver.wait_for_ports();
        driver
    }

    fn wait_for_ports(&mut self) {
        let deadline = Instant::now() + DRIVER_START_TIMEOUT;
        let mut pending: Vec<u16> = vec![self.port, self.native_port];
        while !pending.is_empty() {
            pending.retain(|&p| {
                let addr = SocketAddr::from(([127, 0, 0, 1], p));
                TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err()
            });
            if pending.is_empty() {
                break;
            }
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                panic!(
                    "tauri-driver exited during start-up ({status}); see its output above \
                     (ports {} / {})",
                    self.port, self.native_port
                );
            }
            if Instant::now() >= deadline {
                panic!(
                    "tauri-driver did not open port(s) {pending:?} within {:?} \
                     (tauri-driver port {}, WebKitWebDriver port {})",
                    DRIVER_START_TIMEOUT, self.port, self.native_port
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// The WebDriver URL clients connect to, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The temporary directory holding this driver's XDG dirs (handy for
    /// scratch files that should vanish with the driver).
    pub fn temp_dir(&self) -> &Path {
        self.tmp.path()
    }

    /// Stop tauri-driver: SIGTERM, wait, and clean up leftovers.
    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        if child.try_wait().ok().flatten().is_none() {
            // SIGTERM, not SIGKILL: tauri-driver's SIGTERM handler is what
            // stops WebKitWebDriver; SIGKILL would orphan it on native_port.
            signal(&[child.id() as i32], libc::SIGTERM);
            let deadline = Instant::now() + Duration::from_secs(10);
            while child.try_wait().ok().flatten().is_none() {
                if Instant::now() >= deadline {
                    eprintln!("e2e: tauri-driver ignored SIGTERM for 10 s; killing it");
                    let _ = child.kill();
                    break;
                }
                std::thread::sleep(POLL);
            }
            let _ = child.wait();
        }
        // Anything still carrying our marker (WebKitWebDriver, an app) is a leftover.
        if !wait_until_gone(DRIVER_MARKER_VAR, &self.marker, Duration::from_secs(5)) {
            let left = pids_with_env(DRIVER_MARKER_VAR, &self.marker);
            let names: Vec<String> = left.iter().map(|&p| describe_pid(p)).collect();
            eprintln!("e2e: killing leftover processes: {}", names.join(", "));
            signal(&left, libc::SIGKILL);
            wait_until_gone(DRIVER_MARKER_VAR, &self.marker, Duration::from_secs(5));
        }
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Two distinct ports that were free a moment ago (the OS picks them).
fn free_port_pair() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").expect("cannot bind a local port");
    let b = TcpListener::bind("127.0.0.1:0").expect("cannot bind a local port");
    let pa = a.local_addr().unwrap().port();
    let pb = b.local_addr().unwrap().port();
    (pa, pb)
}

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
    /// Launch `target/debug/keukentafel` with `KEUKENTAFEL_DB=db_path` and open
    /// a WebDriver session on its window.
    ///
    /// `db_path` need not exist (the app creates the store); relative paths
    /// are made absolute. Panics if another app launched from `driver` is
    /// still running (call [`App::close`] first) or the window does not come
    /// up within [`LAUNCH_TIMEOUT`].
    pub async fn launch(driver: &'d TauriDriver, db_path: &Path) -> App<'d> {
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
        match self
            .client
            .wait()
            .at_most(timeout)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(el) => el,
            Err(e) => panic!(
                "no element matching `{css}` within {timeout:?}: {e}\n{}",
                self.page_summary().await
            ),
        }
    }

    /// Like [`App::wait_for`] but returns `None` instead of panicking on timeout.
    pub async fn try_wait_for(&self, css: &str, timeout: Duration) -> Option<Element> {
        self.client
            .wait()
            .at_most(timeout)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
            .ok()
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
fn running_apps(driver: &TauriDriver) -> Vec<i32> {
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
