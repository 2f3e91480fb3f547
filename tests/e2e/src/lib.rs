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
/// The passphrase of every store in the end-to-end tests: [`App::launch`] types it on the start
/// screen (a new store: twice), and [`cli`] passes it as `KEUKENTAFEL_PASSPHRASE`.
pub const PASSPHRASE: &str = "keukentafel e2e passphrase";

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

mod app;
mod driver;
mod paths;
mod process;

pub use app::App;
pub use driver::TauriDriver;
pub use paths::{app_binary, cli, cli_binary, profile, target_dir, workspace_root};
