//! Smoke test: the real app starts on a fresh store and shows its name.
//!
//! Scenario tests (add a household, restart, invalid postcode, ...) go in
//! this directory too; see the harness docs in `src/lib.rs`.

use keukentafel_e2e::{App, TauriDriver, TIMEOUT};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_shows_the_app_name_on_a_fresh_store() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");

    let app = App::launch(&driver, &db).await;
    app.wait_for_text("body", "Keukentafel", TIMEOUT).await;
    app.close().await;
}

/// The harness's restart contract: after `close()` the app process is gone,
/// and the same store can be opened again by a new process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_can_be_restarted_on_the_same_store() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");

    let app = App::launch(&driver, &db).await;
    app.wait_for_text("body", "Keukentafel", TIMEOUT).await;
    let first = app.pids();
    assert!(!first.is_empty(), "the app's process should be visible");
    app.close().await;
    for pid in &first {
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists()
                || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                    .map(|s| s.contains(") Z "))
                    .unwrap_or(true),
            "process {pid} of the first launch is still running"
        );
    }

    let app = App::launch(&driver, &db).await;
    app.wait_for_text("body", "Keukentafel", TIMEOUT).await;
    app.close().await;
}
