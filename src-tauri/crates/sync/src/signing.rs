//! This installation's Ed25519 signing key, and checking others' signatures.
//!
//! The age key ([`crate::keys`]) says who may *read* a file; the signing key says who *wrote*
//! it. A coordinator enrols each volunteer's signing public key in person (see
//! [`crate::pairing`]), and later only accepts files signed with an enrolled key.
//!
//! **The secret** is kept inside the encrypted store (see [`crate::secrets`]), made on first use
//! by [`load_or_create_signing_key`] and never replaced (of two processes racing to make it,
//! both end up with the one kept first). It is kept as the text of a key file (older
//! installations had it in `<store stem>-signing.txt` beside the store): comment lines (`#`) and
//! one line
//!
//! ```text
//! KEUKENTAFEL-SIGNING-SECRET-<standard base64 with padding of the 32-byte Ed25519 seed>
//! ```
//!
//! **A public key** is written `ktsig1:<base64url without padding of the 32-byte key>` (50
//! characters), e.g. `ktsig1:6kpsY-KcUgq-9VB7Ey7F-ZVHdq6-vnuSQh7qaRRG0iw`. Parsing is exact: the
//! prefix, 43 characters of canonical base64url, a valid curve point that is not of small order
//! ("weak"), so one key has one text.
//!
//! **A signature** is 64 bytes ([`Signature::to_bytes`]); as text, base64url without padding
//! (86 characters). [`verify`] uses `verify_strict` (no malleable signatures, no weak keys).
//!
//! [`SigningKey`]'s `Debug` shows the public key only; the secret is never printed.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use ed25519_dalek::Signer;

use keukentafel_store::Store;

use crate::error::SyncError;

/// The start of the secret line in a signing key file.
pub const SECRET_PREFIX: &str = "KEUKENTAFEL-SIGNING-SECRET-";
/// The start of a signing public key's text.
pub const PUBLIC_PREFIX: &str = "ktsig1:";

/// This installation's signing key (secret). Cloning copies the secret; it is wiped on drop.
#[derive(Clone)]
pub struct SigningKey {
    key: ed25519_dalek::SigningKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({})", self.public()) // never the secret
    }
}

impl SigningKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> SigningKey {
        use rand::TryRngCore;
        let mut seed = ed25519_dalek::SecretKey::default();
        rand::rngs::OsRng.try_fill_bytes(&mut seed).expect("the operating system's random source works");
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        seed.fill(0);
        SigningKey { key }
    }

    /// Reads a signing key file's text: comment lines (`#`) and blank lines are skipped;
    /// exactly one `KEUKENTAFEL-SIGNING-SECRET-…` line is expected.
    pub fn from_secret_text(text: &str) -> Result<SigningKey, SyncError> {
        let bad = |why: &str| SyncError::InvalidSigningKey(why.into());
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        let line = match lines.as_slice() {
            [one] => *one,
            [] => return Err(bad("no KEUKENTAFEL-SIGNING-SECRET line")),
            _ => return Err(bad("more than one key line")),
        };
        let encoded = line
            .strip_prefix(SECRET_PREFIX)
            .ok_or_else(|| bad("the key line does not start with KEUKENTAFEL-SIGNING-SECRET-"))?;
        let mut bytes = STANDARD.decode(encoded).map_err(|_| bad("the key is not valid base64"))?;
        let seed: Result<ed25519_dalek::SecretKey, _> = bytes.as_slice().try_into();
        bytes.fill(0);
        let mut seed = seed.map_err(|_| bad("the key is not 32 bytes long"))?;
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        seed.fill(0);
        Ok(SigningKey { key })
    }

    pub fn read(path: &Path) -> Result<SigningKey, SyncError> {
        const MAX: u64 = 64 * 1024;
        let meta = std::fs::metadata(path).map_err(|e| SyncError::io(path, e))?;
        if meta.len() > MAX {
            return Err(SyncError::InvalidSigningKey(format!("{} is too large for a key file", path.display())));
        }
        let text = SecretString::from(std::fs::read_to_string(path).map_err(|e| SyncError::io(path, e))?);
        SigningKey::from_secret_text(text.expose_secret())
    }

    /// The public half, to give to others (in a pairing code).
    pub fn public(&self) -> SigningPublicKey {
        SigningPublicKey(self.key.verifying_key())
    }

    /// Signs `bytes` (deterministic: the same bytes give the same signature).
    pub fn sign(&self, bytes: &[u8]) -> Signature {
        Signature(self.key.sign(bytes))
    }

    /// The key file's text: comment lines saying what it is, then the secret line.
    pub fn secret_file_text(&self, created: chrono::DateTime<chrono::Utc>) -> SecretString {
        SecretString::from(format!(
            "# Keukentafel: de ondertekensleutel van deze installatie. Geheim: deel of kopieer dit bestand niet.\n\
             # Keukentafel: this installation's signing key. Secret: do not share or copy this file.\n\
             # created: {}\n\
             # public key: {}\n\
             {SECRET_PREFIX}{}\n",
            created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            self.public(),
            STANDARD.encode(self.key.as_bytes()),
        ))
    }
}

/// Another installation's (or our own) signing public key. `Display`/`FromStr`: `ktsig1:…`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SigningPublicKey(ed25519_dalek::VerifyingKey);

impl SigningPublicKey {
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// Checks that `signature` was made over exactly `bytes` by this key's secret.
    pub fn verify(&self, bytes: &[u8], signature: &Signature) -> Result<(), SyncError> {
        self.0.verify_strict(bytes, &signature.0).map_err(|_| SyncError::BadSignature)
    }
}

impl std::fmt::Display for SigningPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{PUBLIC_PREFIX}{}", URL_SAFE_NO_PAD.encode(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for SigningPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self}")
    }
}

impl FromStr for SigningPublicKey {
    type Err = SyncError;

    /// Exactly `ktsig1:` and 43 characters of base64url (no surrounding whitespace).
    fn from_str(s: &str) -> Result<Self, SyncError> {
        let bad = |why: &str| SyncError::InvalidSigningPublicKey(why.into());
        let encoded = s.strip_prefix(PUBLIC_PREFIX).ok_or_else(|| bad("it does not start with ktsig1:"))?;
        let bytes = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| bad("not valid base64url"))?;
        let bytes: [u8; 32] = bytes.as_slice().try_into().map_err(|_| bad("not 32 bytes long"))?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| bad("not a point on the curve"))?;
        if key.is_weak() {
            return Err(bad("a weak key (small order)"));
        }
        Ok(SigningPublicKey(key))
    }
}

impl serde::Serialize for SigningPublicKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An Ed25519 signature. `Display`/`FromStr`: base64url without padding.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(ed25519_dalek::Signature);

impl Signature {
    pub fn to_bytes(&self) -> [u8; 64] {
        self.0.to_bytes()
    }

    /// Exactly 64 bytes; anything else is [`SyncError::BadSignature`].
    pub fn from_slice(bytes: &[u8]) -> Result<Signature, SyncError> {
        ed25519_dalek::Signature::from_slice(bytes).map(Signature).map_err(|_| SyncError::BadSignature)
    }
}

impl std::fmt::Display for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&URL_SAFE_NO_PAD.encode(self.0.to_bytes()))
    }
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signature({self})")
    }
}

impl FromStr for Signature {
    type Err = SyncError;
    fn from_str(s: &str) -> Result<Self, SyncError> {
        Signature::from_slice(&URL_SAFE_NO_PAD.decode(s).map_err(|_| SyncError::BadSignature)?)
    }
}

/// Checks that `signature` was made over exactly `bytes` with the secret of `public`;
/// [`SyncError::BadSignature`] otherwise.
pub fn verify(public: &SigningPublicKey, bytes: &[u8], signature: &Signature) -> Result<(), SyncError> {
    public.verify(bytes, signature)
}

/// Where the signing key of the store at `store_path` was kept before it moved into the store
/// (see [`crate::secrets`]): beside it, named after it.
pub fn signing_key_path(store_path: &Path) -> PathBuf {
    let stem = store_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "keukentafel".into());
    store_path.with_file_name(format!("{stem}-signing.txt"))
}

/// The name of the signing key among the store's secrets.
const SECRET: &str = "signing_key";

/// This installation's signing key, kept inside the encrypted store; made on first use (an old
/// key file beside the store is moved in). Never replaced: when another process makes one at
/// the same moment, both end up with the one kept first.
pub fn load_or_create_signing_key(store: &Store) -> Result<SigningKey, SyncError> {
    let text = crate::secrets::load_or_make(
        store,
        SECRET,
        &signing_key_path(store.path()),
        |text| SigningKey::from_secret_text(text).map(drop),
        || SigningKey::generate().secret_file_text(chrono::Utc::now()),
    )?;
    SigningKey::from_secret_text(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_and_verify_round_trip_and_every_change_fails() {
        let key = SigningKey::generate();
        let public = key.public();
        let bytes = b"manifest\nops\nfooter\n".to_vec();
        let sig = key.sign(&bytes);
        verify(&public, &bytes, &sig).expect("a signature over the same bytes with the same key holds");

        for bit in 0..bytes.len() * 8 {
            let mut changed = bytes.clone();
            changed[bit / 8] ^= 1 << (bit % 8);
            assert!(
                matches!(verify(&public, &changed, &sig), Err(SyncError::BadSignature)),
                "flipped bit {bit} of the bytes"
            );
        }
        let raw = sig.to_bytes();
        for bit in 0..raw.len() * 8 {
            let mut changed = raw;
            changed[bit / 8] ^= 1 << (bit % 8);
            let changed = Signature::from_slice(&changed).unwrap();
            assert!(verify(&public, &bytes, &changed).is_err(), "flipped bit {bit} of the signature");
        }
        let other = SigningKey::generate().public();
        assert!(matches!(verify(&other, &bytes, &sig), Err(SyncError::BadSignature)), "another key's signature");
        assert!(matches!(verify(&public, b"", &sig), Err(SyncError::BadSignature)));
        assert!(matches!(Signature::from_slice(&raw[..63]), Err(SyncError::BadSignature)), "a short signature");
    }

    #[test]
    fn a_signature_as_text_round_trips() {
        let key = SigningKey::generate();
        let sig = key.sign(b"x");
        let text = sig.to_string();
        assert_eq!(text.len(), 86);
        assert_eq!(text.parse::<Signature>().unwrap(), sig);
        assert!(matches!("not base64!".parse::<Signature>(), Err(SyncError::BadSignature)));
    }

    #[test]
    fn a_public_key_has_one_exact_text() {
        let public = SigningKey::generate().public();
        let text = public.to_string();
        assert!(text.starts_with("ktsig1:") && text.len() == 50, "{text}");
        assert_eq!(text.parse::<SigningPublicKey>().unwrap(), public);
        let bad = |s: &str| matches!(s.parse::<SigningPublicKey>(), Err(SyncError::InvalidSigningPublicKey(_)));
        assert!(bad(&format!(" {text}")), "no whitespace");
        assert!(bad(&text.replace("ktsig1:", "ktsig2:")), "wrong prefix");
        assert!(bad(&text.replace("ktsig1:", "")), "no prefix");
        assert!(bad(&format!("{text}A")), "too long");
        assert!(bad(&text[..49]), "too short");
        assert!(bad(&format!("{}=", text)), "padding");
        assert!(bad(&format!("ktsig1:{}", URL_SAFE_NO_PAD.encode([0u8; 32]))), "the identity point is weak");
        let mut one = [0u8; 32];
        one[0] = 1;
        assert!(bad(&format!("ktsig1:{}", URL_SAFE_NO_PAD.encode(one))), "a small-order point is weak");
        // The last character carries 4 unused bits: any other value there is refused or is
        // another key, never a second spelling of the same key.
        let last = text.chars().last().unwrap();
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars().filter(|c| *c != last) {
            let changed = format!("{}{c}", &text[..49]);
            if let Ok(other) = changed.parse::<SigningPublicKey>() {
                assert_ne!(other, public, "{changed}");
            }
        }
    }

    #[test]
    fn debug_never_prints_the_secret() {
        let key = SigningKey::generate();
        let secret_line = key.secret_file_text(chrono::Utc::now()).expose_secret().lines().last().unwrap().to_owned();
        let encoded = secret_line.strip_prefix(SECRET_PREFIX).unwrap().to_owned();
        let debug = format!("{key:?} {:?}", key.clone());
        assert!(!debug.contains(&encoded), "{debug}");
        assert!(!debug.contains(&URL_SAFE_NO_PAD.encode(STANDARD.decode(&encoded).unwrap())), "{debug}");
        assert!(debug.contains(&key.public().to_string()));
    }

    #[test]
    fn the_secret_text_round_trips_and_bad_texts_are_refused() {
        let key = SigningKey::generate();
        let text = key.secret_file_text(chrono::Utc::now());
        let text = text.expose_secret();
        assert!(text.lines().next().unwrap().starts_with('#'), "a comment header first");
        let back = SigningKey::from_secret_text(text).unwrap();
        assert_eq!(back.public(), key.public());
        assert_eq!(back.sign(b"x"), key.sign(b"x"));
        let bad = |t: &str| matches!(SigningKey::from_secret_text(t), Err(SyncError::InvalidSigningKey(_)));
        let line = text.lines().last().unwrap();
        assert!(bad(""), "empty");
        assert!(bad("# only a comment\n"));
        assert!(bad(&format!("{line}\n{line}\n")), "two key lines");
        assert!(bad(&line.replace(SECRET_PREFIX, "AGE-SECRET-KEY-")), "another prefix");
        assert!(bad(&format!("{SECRET_PREFIX}not base64!")));
        assert!(bad(&format!("{SECRET_PREFIX}{}", STANDARD.encode([7u8; 31]))), "31 bytes");
        assert!(bad(&format!("{SECRET_PREFIX}{}", STANDARD.encode([7u8; 33]))), "33 bytes");
        assert!(bad(&format!("{SECRET_PREFIX}{}", URL_SAFE_NO_PAD.encode([7u8; 32]))), "unpadded");
    }
}
