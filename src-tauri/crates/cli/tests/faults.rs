//! Disk faults during an import, through the CLI binary: a full disk (during the backup, and
//! during the merge), a read-only store and a read-only backup folder each end the import with
//! their own clear message, in bounded time, leave no stray or empty file behind, and leave the
//! store as it was.
//!
//! How the faults are made, honestly and as root (CI runs the tests as root, so file mode bits
//! do not stop a write):
//! - **Full disk**: the CLI runs as a child process whose file size limit (`RLIMIT_FSIZE`) is set
//!   below what the import must write, with `SIGXFSZ` ignored, so a write past the limit fails
//!   with `EFBIG` exactly where a full disk fails with `ENOSPC`: halfway through a file. (A real
//!   small filesystem would need `mount`, which CI may not allow.)
//! - **Read-only**: the file (or folder) is made immutable with `chattr +i`, which stops even
//!   root, on filesystems that support it (ext4, xfs, btrfs; the temp dir is under Cargo's
//!   target dir, not a tmpfs). Without `chattr` or its permission (a developer who is not root),
//!   the write bits are removed instead. When neither stops a write, the test says so and skips.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use keukentafel_domain::{HouseholdInput, Role, Sources, UserProfileInput};
use keukentafel_store::Store;

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The coordinator enrols the volunteer from the code `pairing` prints (as after comparing the
/// fingerprint in person): only then are its files imported.
fn enroll(coordinator: &Path, volunteer: &Path) {
    let o = run_plain(&["pairing", "--db", s(volunteer)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let code = String::from_utf8(o.stdout).unwrap().lines().next().unwrap().to_owned();
    let o = run_plain(&["enroll", "--db", s(coordinator), "--pairing", &code]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn run_plain(args: &[&str]) -> Output {
    run(args, None)
}

/// Runs the CLI and waits at most a minute for it: an import that loops fails the test.
fn run(args: &[&str], max_file_bytes: Option<u64>) -> Output {
    let mut cmd = Command::new(CLI);
    cmd.env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE);
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(limit) = max_file_bytes {
        // SAFETY: between fork and exec only async-signal-safe calls (setrlimit, signal).
        unsafe {
            cmd.pre_exec(move || {
                let rlim = libc::rlimit { rlim_cur: limit as libc::rlim_t, rlim_max: limit as libc::rlim_t };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &rlim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
    }
    let mut child = cmd.spawn().expect("keukentafel-cli runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("keukentafel-cli {args:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

struct Setup {
    _dir: tempfile::TempDir,
    coordinator: PathBuf,
    file: PathBuf,
}

impl Setup {
    fn backups(&self) -> PathBuf {
        self.coordinator.with_file_name("backups")
    }

    fn import(&self, max_file_bytes: Option<u64>) -> Output {
        run(&["import", "--db", s(&self.coordinator), s(&self.file)], max_file_bytes)
    }

    fn dump(&self) -> serde_json::Value {
        let store = Store::unlock(&self.coordinator, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        store.dump().unwrap()
    }
}

/// A coordinator's store and a volunteer's file with `households` households for it.
fn setup(households: usize) -> Setup {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let coordinator = dir.path().join("c").join("k.sqlite3");
    let mut c = Store::unlock(&coordinator, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    c.save_profile(UserProfileInput { name: "Carla".into(), organisation: String::new(), phone: String::new(), role: Role::Coordinator }).unwrap();
    drop(c);
    let volunteer = dir.path().join("v").join("k.sqlite3");
    let mut v = Store::unlock(&volunteer, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    v.save_profile(UserProfileInput { name: "Vera".into(), organisation: String::new(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    for i in 0..households {
        let notes = format!("Bezoek {i}: tocht bij de voordeur, meterkast gecontroleerd.");
        v.create_household(HouseholdInput { name: format!("Huishouden {i}"), notes, ..Default::default() }).unwrap();
    }
    drop(v);
    enroll(&coordinator, &volunteer);
    let key = run(&["key", "--db", s(&coordinator)], None);
    assert!(key.status.success());
    let key = String::from_utf8(key.stdout).unwrap().trim().to_owned();
    let out = run(&["export", "--db", s(&volunteer), "--out", s(&dir.path().join("usb")), "--recipient", &key], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    Setup { _dir: dir, coordinator, file }
}

/// Every file under `dir` (recursively) with its size.
fn files(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push((path.clone(), entry.metadata().unwrap().len()));
        }
    }
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_full_disk_during_the_backup_leaves_no_backup_and_the_store_as_it_was() {
    let setup = setup(20);
    let before = setup.dump();
    let store_size = std::fs::metadata(&setup.coordinator).unwrap().len();
    // The backup (a copy of the store) cannot be written whole.
    let o = setup.import(Some(store_size / 2));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("The disk is full"), "{}", stderr(&o));
    let left: Vec<_> = files(setup.coordinator.parent().unwrap());
    assert!(!setup.backups().exists(), "no backup folder, no partial backup: {left:?}");
    assert!(left.iter().all(|(_, len)| *len > 0), "no empty file: {left:?}");
    assert_eq!(setup.dump(), before);
    // With room again, the same file imports.
    assert!(setup.import(None).status.success());
    assert_ne!(setup.dump(), before);
}

#[test]
fn a_full_disk_during_the_merge_leaves_the_store_as_it_was_and_removes_the_unused_backup() {
    let setup = setup(40);
    let before = setup.dump();
    let store_size = std::fs::metadata(&setup.coordinator).unwrap().len();
    // Room for the backup (a copy of the store), not for the merge's log of changes.
    let o = setup.import(Some(store_size + 64 * 1024));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("The disk is full"), "{}", stderr(&o));
    let left = files(setup.coordinator.parent().unwrap());
    assert!(files(&setup.backups()).is_empty(), "the backup of an unchanged store is removed again: {left:?}");
    assert!(left.iter().all(|(_, len)| *len > 0), "no empty file: {left:?}");
    assert_eq!(setup.dump(), before, "the merge was undone as a whole");
}

/// Makes `path` read-only for the duration of a test (see the module doc for how).
struct ReadOnly {
    path: PathBuf,
    immutable: bool,
}

impl ReadOnly {
    /// `None` when nothing available here stops a write to `path`.
    fn make(path: &Path) -> Option<ReadOnly> {
        let immutable = Command::new("chattr").arg("+i").arg(path).output().is_ok_and(|o| o.status.success());
        if !immutable {
            let mut perms = std::fs::metadata(path).unwrap().permissions();
            perms.set_readonly(true);
            std::fs::set_permissions(path, perms).unwrap();
        }
        let guard = ReadOnly { path: path.to_owned(), immutable };
        let probe = if path.is_dir() {
            let probe = path.join("probe");
            let made = std::fs::File::create(&probe).is_ok();
            let _ = std::fs::remove_file(&probe);
            made
        } else {
            std::fs::OpenOptions::new().append(true).open(path).is_ok()
        };
        if probe {
            eprintln!("skipped: neither chattr +i nor file modes stop a write to {} here", path.display());
            return None;
        }
        Some(guard)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.path).status();
        } else if let Ok(meta) = std::fs::metadata(&self.path) {
            let mut perms = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            let _ = std::fs::set_permissions(&self.path, perms);
        }
    }
}

#[test]
fn a_read_only_store_is_refused_before_the_backup_and_the_import_ends() {
    let setup = setup(5);
    let before = setup.dump();
    let Some(guard) = ReadOnly::make(&setup.coordinator) else { return };
    let o = setup.import(None);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert!(!setup.backups().exists(), "refused before the backup");
    drop(guard);
    assert_eq!(setup.dump(), before);
}

#[test]
fn a_read_only_backup_folder_is_told_apart_and_leaves_nothing_behind() {
    let setup = setup(5);
    let before = setup.dump();
    std::fs::create_dir_all(setup.backups()).unwrap();
    let Some(guard) = ReadOnly::make(&setup.backups()) else { return };
    let o = setup.import(None);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("read-only") && err.contains("backups"), "{err}");
    assert!(!err.contains("disk is full"), "{err}");
    drop(guard);
    assert!(files(&setup.backups()).is_empty());
    assert_eq!(setup.dump(), before);
}
