use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scratch() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    cli(&["demo", "--db", db.to_str().unwrap(), "--households", "3", "--seed", "1", "--today", "2026-11-23"]);
    let app = App::launch(&driver, &db).await;
    app.wait_for("[data-testid=household-row]", TIMEOUT).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await; app.screenshot(std::path::Path::new("/tmp/e2e-list.png")).await;
    for el in app.find_all("[data-testid=household-row]").await { eprintln!("row text: {:?}", el.text().await.unwrap()); }
    for el in app.find_all("[data-testid=household-row] .name").await { eprintln!("name text: {:?} displayed={:?} rect={:?}", el.text().await.unwrap(), el.is_displayed().await, el.rectangle().await); }
    let v = app.eval("const e=document.querySelector('[data-testid=household-row] .name'); const s=getComputedStyle(e); const r=document.querySelector('[data-testid=household-row]'); const rs=getComputedStyle(r); return [e.textContent, s.color, s.opacity, s.fontSize, s.height, s.lineHeight, rs.opacity, rs.display, rs.gridTemplateColumns, getComputedStyle(r.parentElement.parentElement).opacity, window.innerWidth, window.innerHeight, document.body.scrollHeight]", vec![]).await;
    eprintln!("{v}");
    app.close().await;
}
