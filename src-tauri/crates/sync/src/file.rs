//! Writing a file so that it is either complete or absent: a temp file in the target folder,
//! fsync, rename over the final name, fsync of the folder (a USB stick pulled, a full disk or
//! a power cut never leaves a half-written export behind under the final name).
//!
//! Secret keys use [`create_private`]: the same, but the final name is taken with a hard link,
//! which fails when the name exists, so a key is never overwritten and another process that
//! races to create it never sees a half-written one.

use std::io::Write;
use std::path::Path;

use crate::error::SyncError;

/// Writes `bytes` to `path` atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    write_atomically_with(path, |file| file.write_all(bytes).map_err(|e| SyncError::io(path, e)))
}

/// Writes to `path` atomically what `write` writes into the (temporary) file it is given,
/// streaming; nothing is left under either name when `write` fails.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<(), SyncError>,
) -> Result<(), SyncError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| SyncError::io(dir, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut written = None;
    let result = (|| {
        // Export files hold household data: readable by their owner only (mode 0600).
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        if let Err(e) = write(&mut file) {
            written = Some(e);
            return Err(std::io::Error::other("not written"));
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(written.unwrap_or_else(|| SyncError::io(path, e)));
    }
    sync_dir(path)
}

/// Creates `path` holding `bytes`, readable by the owner only (mode 0600 on Unix), complete or
/// not at all; refuses with [`SyncError::AlreadyExists`] when `path` exists (also when another
/// process created it a moment ago: exactly one creator wins).
///
/// The bytes go to a private temp file first, which is then hard-linked to the final name (a
/// link never replaces an existing file). Where the file system has no hard links (FAT), the
/// final name is opened with `create_new` instead and removed again if writing fails; a reader
/// racing with the creator may then see an incomplete file for a moment.
pub fn create_private(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| SyncError::io(dir, e))?;
    if path.exists() {
        return Err(SyncError::AlreadyExists(path.to_owned()));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.{:016x}.tmp", std::process::id(), rand::random::<u64>()));
    write_new_private(&tmp, bytes)?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => sync_dir(path),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(SyncError::AlreadyExists(path.to_owned())),
        // No hard links here: take the final name directly.
        Err(_) => write_new_private(path, bytes).and_then(|_| sync_dir(path)),
    }
}

/// Opens `path` with `create_new` (mode 0600), writes and fsyncs; removes it if that fails.
fn write_new_private(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => SyncError::AlreadyExists(path.to_owned()),
        _ => SyncError::io(path, e),
    })?;
    let written = file.write_all(bytes).and_then(|_| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = std::fs::remove_file(path); // never leave a half-written key behind
        return Err(SyncError::io(path, e));
    }
    Ok(())
}

/// Removes a secret file: overwrites its bytes with zeros and fsyncs first, so the secret is
/// not left in the file's old blocks on a file system that writes in place (ext4 does; a
/// copy-on-write file system or an SSD's wear levelling may still keep old blocks, which only
/// full-disk encryption covers). Then unlinks it and makes that durable.
pub fn remove_secret_file(path: &Path) -> Result<(), SyncError> {
    let len = std::fs::metadata(path).map_err(|e| SyncError::io(path, e))?.len();
    let wiped = std::fs::OpenOptions::new().write(true).open(path).and_then(|mut f| {
        f.write_all(&vec![0u8; usize::try_from(len).unwrap_or(0)])?;
        f.sync_all()
    });
    wiped.map_err(|e| SyncError::io(path, e))?;
    std::fs::remove_file(path).map_err(|e| SyncError::io(path, e))?;
    sync_dir(path)
}

/// Makes a rename or creation in `path`'s folder durable.
pub fn sync_dir(path: &Path) -> Result<(), SyncError> {
    #[cfg(unix)]
    {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| SyncError::io(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = path; // Windows cannot open a folder for fsync; NTFS journals the rename itself.
    Ok(())
}
