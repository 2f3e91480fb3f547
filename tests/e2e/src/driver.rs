//! `tauri-driver` (and WebKitWebDriver behind it): start on free ports, stop with SIGTERM.

use super::*;
use crate::paths::*;
use crate::process::*;

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
    pub(crate) marker: String,
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
pub(crate) fn free_port_pair() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").expect("cannot bind a local port");
    let b = TcpListener::bind("127.0.0.1:0").expect("cannot bind a local port");
    let pa = a.local_addr().unwrap().port();
    let pb = b.local_addr().unwrap().port();
    (pa, pb)
}
