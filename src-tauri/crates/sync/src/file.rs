//! Writing a file so that it is either complete or absent: a temp file in the target folder,
//! fsync, rename over the final name, fsync of the folder (a USB stick pulled, a full disk or
//! a power cut never leaves a half-written export behind under the final name).

use std::io::Write;
use std::path::Path;

use crate::error::SyncError;

/// Writes `bytes` to `path` atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| SyncError::io(dir, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(SyncError::io(path, e));
    }
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
