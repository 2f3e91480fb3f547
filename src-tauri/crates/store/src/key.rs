//! The store's key: what unlocks the encrypted store file, its WAL and its backups.
//!
//! The store is a SQLCipher 4 file (AES-256 per page, an HMAC per page, the first 16 bytes of
//! the file a random salt). SQLCipher would derive the page key from the passphrase itself on
//! *every* open (PBKDF2-HMAC-SHA512, 256 000 iterations). We run exactly that derivation once,
//! when the volunteer unlocks ([`StoreKey::derive`]), keep the 32-byte result in memory
//! (zeroed when dropped) and hand SQLCipher the raw key (`PRAGMA key = "x'…'"`): later opens of
//! the same file (its backups, a reopen) cost nothing, and the file stays a standard SQLCipher 4
//! file that the `sqlcipher` tool opens with the passphrase and default settings.
//!
//! A new file's salt is random ([`StoreKey::for_file`]); an existing file's salt is read from
//! its first 16 bytes. A file that starts with SQLite's plain header is an unencrypted store of
//! an older version ([`FileKind::Plain`]); `open` encrypts it.
//!
//! Uses: `error`.

use std::io::Read;
use std::path::Path;

use rand::RngCore;
use zeroize::{Zeroize, Zeroizing};

use crate::error::StoreError;

/// PBKDF2-HMAC-SHA512 iterations: SQLCipher 4's default (`kdf_iter`).
pub const KDF_ITERATIONS: u32 = 256_000;

/// The shortest passphrase Keukentafel accepts for a new store or a new passphrase.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The raw page key of a store and the salt it was derived with. Never printed; zeroed on drop.
#[derive(Clone)]
pub struct StoreKey {
    key: Zeroizing<[u8; 32]>,
    salt: [u8; 16],
}

impl std::fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreKey(…)")
    }
}

impl StoreKey {
    /// SQLCipher 4's own derivation: PBKDF2-HMAC-SHA512 over the passphrase with the file's salt.
    pub fn derive(passphrase: &str, salt: [u8; 16]) -> StoreKey {
        let mut key = Zeroizing::new([0u8; 32]);
        openssl::pkcs5::pbkdf2_hmac(
            passphrase.as_bytes(),
            &salt,
            KDF_ITERATIONS as usize,
            openssl::hash::MessageDigest::sha512(),
            key.as_mut(),
        )
        .expect("PBKDF2 with SHA-512 is always available in libcrypto");
        StoreKey { key, salt }
    }

    /// The key for the file at `path`: derived with the salt in its first 16 bytes, or with a
    /// new random salt when the file does not exist yet, is empty, or is an unencrypted store
    /// (which `open` then encrypts with this key).
    pub fn for_file(path: &Path, passphrase: &str) -> Result<StoreKey, StoreError> {
        match inspect(path)? {
            FileKind::Encrypted { salt } => Ok(StoreKey::derive(passphrase, salt)),
            FileKind::New | FileKind::Plain => Ok(StoreKey::new_for(passphrase)),
        }
    }

    /// A key for a new file (or a re-encrypted copy under a new passphrase): a new random salt
    /// from the operating system's generator.
    pub fn new_for(passphrase: &str) -> StoreKey {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        StoreKey::derive(passphrase, salt)
    }

    pub fn salt(&self) -> [u8; 16] {
        self.salt
    }

    /// Whether `passphrase` gives this key (derived with this key's salt): the current
    /// passphrase checked again before it is changed. Compared in constant time.
    pub fn is_passphrase(&self, passphrase: &str) -> bool {
        let other = StoreKey::derive(passphrase, self.salt);
        openssl::memcmp::eq(self.key.as_ref(), other.key.as_ref())
    }

    /// The value of `PRAGMA key` / `ATTACH … KEY`: SQLCipher's raw-key form with the salt a new
    /// file is to get (an existing file keeps the salt it has).
    pub(crate) fn sql_literal(&self) -> Zeroizing<String> {
        let mut hex = Zeroizing::new(String::with_capacity(100));
        hex.push_str("x'");
        for b in self.key.iter().chain(self.salt.iter()) {
            hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
            hex.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
        }
        hex.push('\'');
        hex
    }
}

/// A passphrase as typed, zeroed when dropped.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(mut text: String) -> Passphrase {
        let p = Passphrase(Zeroizing::new(text.clone()));
        text.zeroize();
        p
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// What a file on the store's path is, judged from its first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one: a new store.
    New,
    /// Starts with SQLite's plain header: an unencrypted database (an older Keukentafel's store,
    /// or another program's file: `open` tells them apart).
    Plain,
    /// Anything else that could be a SQLCipher file: only the key can tell whether it is ours.
    Encrypted { salt: [u8; 16] },
}

/// Looks at the first bytes of `path`. A file too short or of a size no SQLite or SQLCipher
/// file has (not a whole number of 512-byte blocks) is refused as damaged or not ours.
pub fn inspect(path: &Path) -> Result<FileKind, StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::New),
        Err(e) => return Err(e.into()),
    };
    let len = file.metadata()?.len();
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 {
        return Ok(FileKind::New);
    }
    if read == head.len() && &head == SQLITE_MAGIC {
        return Ok(FileKind::Plain);
    }
    if read < head.len() || len % 512 != 0 {
        return Err(StoreError::Damaged { path: path.to_owned(), detail: "not a Keukentafel store".into() });
    }
    Ok(FileKind::Encrypted { salt: head })
}

/// Whether `passphrase` is long enough for a new store or a new passphrase.
pub fn check_new_passphrase(passphrase: &str) -> Result<(), StoreError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::PassphraseTooShort { min: MIN_PASSPHRASE_CHARS });
    }
    Ok(())
}

/// For test suites and benchmarks that make many stores in one process: one passphrase and one
/// key, derived once (the full derivation) and cloned for every store. Production code derives
/// a key with a new random salt for each new store ([`StoreKey::for_file`]).
#[doc(hidden)]
pub mod testing {
    use std::sync::OnceLock;

    use super::StoreKey;

    /// The passphrase of every test store.
    pub const PASSPHRASE: &str = "keukentafel test passphrase";

    /// The key of [`PASSPHRASE`] with a fixed salt, derived once per process.
    pub fn key() -> StoreKey {
        static KEY: OnceLock<StoreKey> = OnceLock::new();
        KEY.get_or_init(|| StoreKey::derive(PASSPHRASE, *b"keukentafel-test")).clone()
    }

    /// What a file holds once decrypted with [`key`], for tests that look for a household's
    /// texts in the bytes on disk (forgetting): a store or backup file page by page, a WAL
    /// frame by frame, free pages and old frames included, after the file's raw bytes (so a
    /// file that is not encrypted is searched as it is). SQLCipher 4's layout: 4096-byte
    /// pages, AES-256-CBC over all but the last 80 bytes, the page's IV in the 16 bytes after
    /// the data; page 1 starts with the 16-byte salt.
    pub fn plaintext_of(path: &std::path::Path) -> Vec<u8> {
        plaintext_with(path, &key())
    }

    /// [`plaintext_of`] with another key (a store made with its own salt: by the CLI or the app).
    pub fn plaintext_with(path: &std::path::Path, key: &StoreKey) -> Vec<u8> {
        use openssl::symm::{Cipher, Crypter, Mode};
        const PAGE: usize = 4096;
        const RESERVE: usize = 80;
        let Ok(raw) = std::fs::read(path) else { return Vec::new() };
        let decrypt = |page: &[u8], first: bool, out: &mut Vec<u8>| {
            let start = if first { 16 } else { 0 };
            let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
            let Ok(mut c) = Crypter::new(Cipher::aes_256_cbc(), Mode::Decrypt, key.key.as_ref(), Some(iv)) else { return };
            c.pad(false);
            let data = &page[start..PAGE - RESERVE];
            let mut plain = vec![0u8; data.len() + 16];
            if let Ok(n) = c.update(data, &mut plain) {
                out.extend_from_slice(&plain[..n]);
            }
        };
        let mut out = raw.clone();
        if path.to_string_lossy().ends_with("-wal") {
            for frame in raw.get(32..).unwrap_or_default().chunks_exact(24 + PAGE) {
                let page_no = u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]);
                decrypt(&frame[24..], page_no == 1, &mut out);
            }
        } else if !raw.is_empty() && raw.len() % PAGE == 0 {
            for (i, page) in raw.chunks_exact(PAGE).enumerate() {
                decrypt(page, i == 0, &mut out);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_derivation_is_sqlciphers_and_the_literal_carries_key_and_salt() {
        let k = StoreKey::derive("correct horse", [7; 16]);
        let lit = k.sql_literal();
        assert_eq!(lit.len(), 2 + 96 + 1, "x'<64 hex key><32 hex salt>'");
        assert!(lit.ends_with("07070707070707070707070707070707'"));
        assert_eq!(StoreKey::derive("correct horse", [7; 16]).sql_literal(), lit, "deterministic");
        assert_ne!(StoreKey::derive("correct horsf", [7; 16]).sql_literal()[..66], lit[..66]);
        assert_eq!(format!("{k:?}"), "StoreKey(…)", "never printed");
    }
}
