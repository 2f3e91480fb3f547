//! The age layer of an export file: binary age v1, X25519 recipients, so the reference tool
//! decrypts it (`age -d -i identity.txt FILE`).
//!
//! Besides the recipients' stanzas the header carries one stanza of its own,
//! `-> keukentafel-size <payload bytes>` (empty body). age identities skip stanzas they do not
//! know, and the header MAC covers it, so once the header is verified it tells exactly how
//! long the encrypted payload should be. That is what lets an import tell a file that was cut
//! off (shorter than announced) from one that was changed (same length, a chunk fails its
//! MAC): age's STREAM alone reports both as "decryption error". It also lets an import refuse a
//! file that announces more content than the size limit before decrypting any of it.
//!
//! [`decrypt_with`] decrypts in two steps: the first line of the content (the manifest) is
//! handed to the caller's check as soon as it is decrypted, so a file whose manifest is refused
//! (a newer version, too many ops announced) is not decrypted any further.
//!
//! Streaming (format 3.0, see `content`): [`encrypt_stream`] encrypts exactly `len` bytes read
//! from a reader into a writer (the size stanza needs `len` before the first byte is written);
//! [`decrypt_stream`] checks the header as [`decrypt_with`] does and hands back a reader of the
//! content that decrypts one 64 KiB chunk at a time. Only authenticated chunks come out of it;
//! when one fails, the reason (truncated or altered, told apart by the size stanza as above) is
//! left in a [`Verdict`] for the caller, since an `io::Error` carries no `SyncError`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::rc::Rc;

use age::{DecryptError, EncryptError};
use age_core::format::{FileKey, Stanza};

use crate::error::SyncError;
use crate::keys::{KeyPair, Recipient};

const MAGIC: &[u8] = b"age-encryption.org/";
const SIZE_TAG: &str = "keukentafel-size";
const CHUNK: u64 = 64 * 1024;
const TAG: u64 = 16;
const NONCE: usize = 16;
/// How much content is decrypted while looking for the end of the first line (the manifest);
/// a longer first line is left to the format check after the whole content is decrypted.
const FIRST_LINE_MAX: usize = 4 * 1024 * 1024;

/// The payload length age's STREAM produces for `plaintext` bytes: one 16-byte tag per 64 KiB
/// chunk, and always at least one (possibly empty) chunk.
fn payload_len(plaintext: u64) -> u64 {
    plaintext + TAG * plaintext.div_ceil(CHUNK).max(1)
}

struct SizeStanza(u64);

impl age::Recipient for SizeStanza {
    fn wrap_file_key(&self, _: &FileKey) -> Result<(Vec<Stanza>, HashSet<String>), EncryptError> {
        let stanza = Stanza { tag: SIZE_TAG.into(), args: vec![self.0.to_string()], body: Vec::new() };
        Ok((vec![stanza], HashSet::new()))
    }
}

/// Encrypts `plaintext` to `recipients` (duplicates removed).
pub fn encrypt(plaintext: &[u8], recipients: &[Recipient]) -> Result<Vec<u8>, SyncError> {
    let mut seen = HashSet::new();
    let unique: Vec<&Recipient> = recipients.iter().filter(|r| seen.insert(r.to_string())).collect();
    let size = SizeStanza(payload_len(plaintext.len() as u64));
    let all = unique.iter().map(|r| *r as &dyn age::Recipient).chain(std::iter::once(&size as &dyn age::Recipient));
    let encryptor = age::Encryptor::with_recipients(all).map_err(|e| SyncError::InvalidRecipient(e.to_string()))?;
    let mut out = Vec::with_capacity(plaintext.len() + 1024);
    let io = |e: std::io::Error| SyncError::Io { path: Default::default(), detail: e.to_string() };
    let mut writer = encryptor.wrap_output(&mut out).map_err(io)?;
    std::io::Write::write_all(&mut writer, plaintext).map_err(io)?;
    writer.finish().map_err(io)?;
    Ok(out)
}

/// Encrypts exactly `len` bytes read from `input` to `recipients` (duplicates removed) into
/// `out`, streaming; the size stanza announces the payload those `len` bytes make. Fails when
/// `input` ends before `len` bytes.
pub fn encrypt_stream<W: Write>(input: impl Read, len: u64, recipients: &[Recipient], out: W) -> Result<W, SyncError> {
    let mut seen = HashSet::new();
    let unique: Vec<&Recipient> = recipients.iter().filter(|r| seen.insert(r.to_string())).collect();
    let size = SizeStanza(payload_len(len));
    let all = unique.iter().map(|r| *r as &dyn age::Recipient).chain(std::iter::once(&size as &dyn age::Recipient));
    let encryptor = age::Encryptor::with_recipients(all).map_err(|e| SyncError::InvalidRecipient(e.to_string()))?;
    let io = |e: std::io::Error| SyncError::Io { path: Default::default(), detail: e.to_string() };
    let mut writer = encryptor.wrap_output(out).map_err(io)?;
    let copied = std::io::copy(&mut input.take(len), &mut writer).map_err(io)?;
    if copied != len {
        return Err(io(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, format!("{copied} of {len} bytes to encrypt"))));
    }
    writer.finish().map_err(io)
}

/// Where the reason a streamed read failed is left: the layer that failed (decryption, a
/// limit) records its [`SyncError`] here before returning a plain `io::Error`.
#[derive(Clone, Default)]
pub struct Verdict(Rc<RefCell<Option<SyncError>>>);

impl Verdict {
    /// Records `e` unless an earlier layer already said why.
    pub fn set(&self, e: SyncError) {
        let mut cell = self.0.borrow_mut();
        if cell.is_none() {
            *cell = Some(e);
        }
    }

    /// The recorded reason, or `otherwise` made from the `io::Error` that surfaced.
    pub fn take_or(&self, e: std::io::Error, otherwise: impl FnOnce(std::io::Error) -> SyncError) -> SyncError {
        self.0.borrow_mut().take().unwrap_or_else(|| otherwise(e))
    }
}

/// The content of an encrypted file, decrypted chunk by chunk as it is read.
pub struct Decrypting<R: Read> {
    reader: age::stream::StreamReader<R>,
    announced: Option<u64>,
    actual: Option<u64>,
    verdict: Verdict,
}

impl<R: Read> Read for Decrypting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.reader.read(buf).inspect_err(|e| self.verdict.set(content_error(e, self.announced, self.actual)))
    }
}

/// Why age refused the content: cut off (fewer encrypted bytes than the authentic header
/// announced) or changed.
fn content_error(e: &std::io::Error, announced: Option<u64>, actual: Option<u64>) -> SyncError {
    match (announced, actual) {
        (Some(announced), Some(actual)) if actual < announced => {
            SyncError::Truncated(format!("{actual} of {announced} encrypted bytes present"))
        }
        (Some(_), _) => SyncError::Altered(format!("encrypted content: {e}")),
        // A file without our size stanza: only age's own verdict is left.
        (None, _) if e.kind() == std::io::ErrorKind::UnexpectedEof => SyncError::Truncated(e.to_string()),
        (None, _) => SyncError::Altered(format!("encrypted content: {e}")),
    }
}

/// How much of a file's start [`decrypt_stream`] needs to see the whole header.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Opens an encrypted file for streaming: `head` is its first bytes (up to [`HEAD_BYTES`]),
/// `total` its length, `input` reads it from the start. Refuses exactly as [`decrypt_with`]
/// does before the content (empty, not age, damaged header, wrong key, over `max_payload`);
/// failures inside the content are left in `verdict` (see [`Decrypting`]).
pub fn decrypt_stream<R: Read>(
    head: &[u8],
    total: u64,
    input: R,
    key: &KeyPair,
    max_payload: u64,
    verdict: &Verdict,
) -> Result<Decrypting<R>, SyncError> {
    if total == 0 {
        return Err(SyncError::Empty);
    }
    if !head.starts_with(MAGIC) {
        return Err(if MAGIC.starts_with(head) {
            SyncError::Truncated("cut off in the age header".into())
        } else {
            SyncError::NotAnExportFile("not an age-encrypted file".into())
        });
    }
    let decryptor = age::Decryptor::new(input).map_err(|e| header_error(e, head))?;
    let identity = key.identity() as &dyn age::Identity;
    let reader = decryptor.decrypt(std::iter::once(identity)).map_err(|e| match e {
        DecryptError::NoMatchingKeys => SyncError::WrongKey,
        DecryptError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            SyncError::Truncated("cut off before the content".into())
        }
        other => SyncError::Altered(format!("age header: {other}")),
    })?;
    // The header is authentic here (age checked its MAC): its size stanza can be trusted.
    let announced = announced_payload(head);
    if let Some(announced) = announced.filter(|&a| a > max_payload) {
        return Err(SyncError::TooLarge { bytes: announced, limit: max_payload });
    }
    let actual = header_end(head).map(|h| total.saturating_sub((h + NONCE) as u64));
    Ok(Decrypting { reader, announced, actual, verdict: verdict.clone() })
}

fn header_error(e: DecryptError, bytes: &[u8]) -> SyncError {
    match e {
        DecryptError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            SyncError::Truncated("cut off in the age header".into())
        }
        // age v1 written by us, but the line after the version no longer parses: damaged.
        DecryptError::UnknownFormat if bytes.starts_with(b"age-encryption.org/v1\n") => {
            SyncError::Altered("age header damaged".into())
        }
        DecryptError::UnknownFormat => SyncError::NotAnExportFile("an age version this program does not know".into()),
        other => SyncError::Altered(format!("age header: {other}")),
    }
}

/// The header's end (the byte after the MAC line), if the header is complete.
fn header_end(bytes: &[u8]) -> Option<usize> {
    let mac_line = bytes.windows(5).position(|w| w == b"\n--- ")? + 1;
    bytes[mac_line..].iter().position(|&b| b == b'\n').map(|i| mac_line + i + 1)
}

/// The payload length the header announces (read only after age verified the header's MAC).
fn announced_payload(bytes: &[u8]) -> Option<u64> {
    let header = std::str::from_utf8(&bytes[..header_end(bytes)?]).ok()?;
    header.lines().find_map(|l| l.strip_prefix("-> ")?.strip_prefix(SIZE_TAG)?.trim().parse().ok())
}

/// Decrypts a whole file with this installation's key. Nothing is returned unless age verified
/// every chunk; each way it can fail maps to its own refusal.
pub fn decrypt(bytes: &[u8], key: &KeyPair) -> Result<Vec<u8>, SyncError> {
    decrypt_with(bytes, key, u64::MAX, |_| Ok(()))
}

/// Like [`decrypt`], but refuses a file whose (authenticated) header announces more than
/// `max_payload` encrypted bytes before decrypting anything, and hands the first line of the
/// content to `first_line` as soon as it is decrypted: when that check fails, its error is
/// returned and the rest is not decrypted.
pub fn decrypt_with(
    bytes: &[u8],
    key: &KeyPair,
    max_payload: u64,
    first_line: impl FnOnce(&[u8]) -> Result<(), SyncError>,
) -> Result<Vec<u8>, SyncError> {
    if bytes.is_empty() {
        return Err(SyncError::Empty);
    }
    if !bytes.starts_with(MAGIC) {
        return Err(if MAGIC.starts_with(bytes) {
            SyncError::Truncated("cut off in the age header".into())
        } else {
            SyncError::NotAnExportFile("not an age-encrypted file".into())
        });
    }
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| header_error(e, bytes))?;
    let identity = key.identity() as &dyn age::Identity;
    let mut reader = decryptor.decrypt(std::iter::once(identity)).map_err(|e| match e {
        DecryptError::NoMatchingKeys => SyncError::WrongKey,
        DecryptError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            SyncError::Truncated("cut off before the content".into())
        }
        other => SyncError::Altered(format!("age header: {other}")),
    })?;
    // The header is authentic here (age checked its MAC): its size stanza can be trusted.
    if let Some(announced) = announced_payload(bytes).filter(|&a| a > max_payload) {
        return Err(SyncError::TooLarge { bytes: announced, limit: max_payload });
    }
    let mut plaintext = Vec::with_capacity(bytes.len());
    let mut check = Some(first_line);
    let read = (|| -> std::io::Result<Option<SyncError>> {
        let mut chunk = vec![0u8; CHUNK as usize];
        while plaintext.len() < FIRST_LINE_MAX {
            let n = reader.read(&mut chunk)?;
            if n == 0 {
                return Ok(None); // the whole content is one line, or empty: left to the format check
            }
            let searched = plaintext.len();
            plaintext.extend_from_slice(&chunk[..n]);
            if let Some(end) = plaintext[searched..].iter().position(|&b| b == b'\n') {
                if let Err(refused) = check.take().map_or(Ok(()), |c| c(&plaintext[..searched + end])) {
                    return Ok(Some(refused));
                }
                break;
            }
        }
        reader.read_to_end(&mut plaintext)?;
        Ok(None)
    })();
    if let Ok(Some(refused)) = read {
        return Err(refused);
    }
    if let Err(e) = read {
        // The header (and so the size stanza) is authentic here: age checked its MAC.
        let actual = header_end(bytes).map(|h| bytes.len().saturating_sub(h + NONCE) as u64);
        return Err(match (announced_payload(bytes), actual) {
            (Some(announced), Some(actual)) if actual < announced => {
                SyncError::Truncated(format!("{actual} of {announced} encrypted bytes present"))
            }
            (Some(_), _) => SyncError::Altered(format!("encrypted content: {e}")),
            // A file without our size stanza: only age's own verdict is left.
            (None, _) if e.kind() == std::io::ErrorKind::UnexpectedEof => SyncError::Truncated(e.to_string()),
            (None, _) => SyncError::Altered(format!("encrypted content: {e}")),
        });
    }
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_announced_size_matches_what_age_writes() {
        let key = KeyPair::generate();
        for len in [0usize, 1, 100, 65_535, 65_536, 65_537, 131_072, 200_000] {
            let plain = vec![b'x'; len];
            let file = encrypt(&plain, &[key.recipient()]).unwrap();
            let h = header_end(&file).unwrap();
            assert_eq!(announced_payload(&file), Some((file.len() - h - NONCE) as u64), "plaintext of {len} bytes");
            assert_eq!(decrypt(&file, &key).unwrap(), plain);
            // Streaming announces the payload it writes too (headers differ: age adds random
            // stanzas), and reads back the same.
            let streamed = encrypt_stream(&plain[..], len as u64, &[key.recipient()], Vec::new()).unwrap();
            let h = header_end(&streamed).unwrap();
            assert_eq!(announced_payload(&streamed), Some((streamed.len() - h - NONCE) as u64), "{len} bytes, streamed");
            assert_eq!(announced_payload(&streamed), announced_payload(&file));
            assert_eq!(decrypt(&streamed, &key).unwrap(), plain);
            let verdict = Verdict::default();
            let mut back = Vec::new();
            decrypt_stream(&streamed, streamed.len() as u64, &streamed[..], &key, u64::MAX, &verdict)
                .unwrap()
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, plain);
        }
        // Fewer bytes than announced to encrypt: refused, nothing claimed.
        assert!(encrypt_stream(&b"short"[..], 10, &[key.recipient()], Vec::new()).is_err());
    }
}
