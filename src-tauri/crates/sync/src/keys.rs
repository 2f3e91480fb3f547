//! This installation's age key pair and other installations' public keys.
//!
//! The identity (X25519 secret key) is kept inside the encrypted store in the text of a
//! standard age identity file (see [`crate::secrets`]); it is made on first use and never
//! replaced. [`write_identity_file`] copies it to a file (mode 0600) for the reference `age`
//! tool: `age -d -i FILE export.age`. A public key (`age1…`) is what a volunteer pastes to link
//! to a coordinator; it is not secret.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use age::x25519;

use keukentafel_store::Store;

use crate::error::SyncError;

pub use age::x25519::Recipient;

/// This installation's key pair.
#[derive(Clone)]
pub struct KeyPair {
    identity: x25519::Identity,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({})", self.public_key()) // never the secret
    }
}

impl KeyPair {
    pub fn generate() -> KeyPair {
        KeyPair { identity: x25519::Identity::generate() }
    }

    /// Reads an age identity file: comment lines (`#`) and blank lines are skipped; exactly one
    /// `AGE-SECRET-KEY-1…` line is expected.
    pub fn from_identity_text(text: &str) -> Result<KeyPair, SyncError> {
        let keys: Vec<&str> =
            text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        match keys.as_slice() {
            [one] => x25519::Identity::from_str(one)
                .map(|identity| KeyPair { identity })
                .map_err(|_| SyncError::InvalidIdentity("the key line is not an age X25519 secret key".into())),
            [] => Err(SyncError::InvalidIdentity("no AGE-SECRET-KEY line".into())),
            _ => Err(SyncError::InvalidIdentity("more than one key line".into())),
        }
    }

    pub fn read(path: &Path) -> Result<KeyPair, SyncError> {
        let text = std::fs::read_to_string(path).map_err(|e| SyncError::io(path, e))?;
        KeyPair::from_identity_text(&text)
    }

    pub fn recipient(&self) -> Recipient {
        self.identity.to_public()
    }

    /// The public key as text (`age1…`), to show and to paste elsewhere.
    pub fn public_key(&self) -> String {
        self.recipient().to_string()
    }

    pub(crate) fn identity(&self) -> &x25519::Identity {
        &self.identity
    }

    /// The identity file's text, in the format `age-keygen` writes.
    pub fn identity_file_text(&self, created: chrono::DateTime<chrono::Utc>) -> String {
        format!(
            "# created: {}\n# public key: {}\n{}\n",
            created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            self.public_key(),
            self.identity.to_string().expose_secret()
        )
    }
}

/// Where the identity of the store at `store_path` was kept before it moved into the store
/// (see [`crate::secrets`]): beside it, named after it.
pub fn identity_path(store_path: &Path) -> PathBuf {
    let stem = store_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "keukentafel".into());
    store_path.with_file_name(format!("{stem}-identity.txt"))
}

/// The name of the age identity among the store's secrets.
const SECRET: &str = "age_identity";

/// This installation's identity, kept inside the encrypted store; made on first use (an old
/// identity file beside the store is moved in).
pub fn load_or_create_identity(store: &Store) -> Result<KeyPair, SyncError> {
    let text = crate::secrets::load_or_make(
        store,
        SECRET,
        &identity_path(store.path()),
        |text| KeyPair::from_identity_text(text).map(drop),
        || age::secrecy::SecretString::from(KeyPair::generate().identity_file_text(chrono::Utc::now())),
    )?;
    KeyPair::from_identity_text(&text)
}

/// Writes this installation's identity to `path` (mode 0600, never over an existing file), for
/// the reference `age` tool: `age -d -i FILE export.age`. A deliberate copy of the secret.
pub fn write_identity_file(store: &Store, path: &Path) -> Result<String, SyncError> {
    let pair = load_or_create_identity(store)?;
    let text = age::secrecy::SecretString::from(pair.identity_file_text(chrono::Utc::now()));
    crate::file::create_private(path, text.expose_secret().as_bytes())?;
    Ok(pair.public_key())
}

/// `keygen --out FILE`: a new identity file; refuses to overwrite. Returns the public key.
pub fn generate_identity_file(path: &Path) -> Result<String, SyncError> {
    Ok(write_new_identity(path)?.public_key())
}

fn write_new_identity(path: &Path) -> Result<KeyPair, SyncError> {
    let pair = KeyPair::generate();
    let text = age::secrecy::SecretString::from(pair.identity_file_text(chrono::Utc::now()));
    crate::file::create_private(path, text.expose_secret().as_bytes())?;
    Ok(pair)
}

/// A pasted public key (surrounding whitespace allowed), or the text of a small file holding
/// one (comment lines allowed, as in a recipients file or an identity file's `# public key:`).
pub fn parse_recipient(text: &str) -> Result<Recipient, SyncError> {
    let trimmed = text.trim();
    if let Ok(r) = Recipient::from_str(trimmed) {
        return Ok(r);
    }
    let mut found = Vec::new();
    for line in trimmed.lines().map(str::trim) {
        let candidate = line.strip_prefix("# public key:").map(str::trim).unwrap_or(line);
        if candidate.starts_with("age1") {
            found.push(Recipient::from_str(candidate).map_err(|e| SyncError::InvalidRecipient(e.to_string()))?);
        }
    }
    found.dedup_by(|a, b| a.to_string() == b.to_string());
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(SyncError::InvalidRecipient(shorten(trimmed))),
        _ => Err(SyncError::InvalidRecipient("more than one key in the text".into())),
    }
}

/// Reads a recipient given as text or as the path of a small file holding it.
pub fn recipient_from_arg(arg: &str) -> Result<Recipient, SyncError> {
    if arg.trim_start().starts_with("age1") {
        return parse_recipient(arg);
    }
    let path = Path::new(arg);
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() <= 64 * 1024 => {
            parse_recipient(&std::fs::read_to_string(path).map_err(|e| SyncError::io(path, e))?)
        }
        _ => parse_recipient(arg),
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_key_with_whitespace_or_a_file_with_comments_parses() {
        let pair = KeyPair::generate();
        let key = pair.public_key();
        assert_eq!(parse_recipient(&format!("  {key}\n\n")).unwrap().to_string(), key);
        assert_eq!(parse_recipient(&format!("# coordinator\n{key}\n")).unwrap().to_string(), key);
        let identity_file = pair.identity_file_text(chrono::Utc::now());
        assert_eq!(parse_recipient(&identity_file).unwrap().to_string(), key, "the public key line of an identity file");
        assert!(matches!(parse_recipient("hello"), Err(SyncError::InvalidRecipient(_))));
        assert!(matches!(parse_recipient("age1notakey"), Err(SyncError::InvalidRecipient(_))));
        let other = KeyPair::generate().public_key();
        assert!(matches!(parse_recipient(&format!("{key}\n{other}")), Err(SyncError::InvalidRecipient(_))));
    }

    #[test]
    fn keygen_writes_a_private_identity_file_and_never_overwrites_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id.txt");
        let public = generate_identity_file(&path).unwrap();
        assert_eq!(KeyPair::read(&path).unwrap().public_key(), public);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600, "only the owner reads the key");
        }
        assert!(matches!(generate_identity_file(&path), Err(SyncError::AlreadyExists(_))), "never overwrite a key");
        assert_eq!(KeyPair::read(&path).unwrap().public_key(), public);
    }
}
