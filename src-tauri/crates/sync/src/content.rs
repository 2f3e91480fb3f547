//! The content of an export file as a stream (format 3.0): what lies between the age layer
//! ([`crate::envelope`]) and the JSON Lines ([`crate::format`]).
//!
//! ```text
//! write: ops ──PlainWriter──► zstd (level LEVEL) ──► age (a key made for this file only)
//!        ──► unnamed temp file beside the output ──► read back, decrypted ──► age (recipients,
//!        size stanza = the compressed length now known) ──► temp name, fsync, rename
//! read:  file ──► age, one 64 KiB chunk at a time ──► zstd? ──► byte count ≤ limit ──► lines
//! ```
//!
//! **Compression.** The plaintext is one zstd stream (`age -d FILE | zstd -d` gives the JSON
//! Lines). The reader tells a compressed content from a 2.x plaintext by zstd's magic number
//! (a JSON line starts with `{`). The decompressed bytes are counted against the size limit
//! ([`Limits::max_file_bytes`], the limit a 2.x plaintext had): a small file that decompresses
//! to gigabytes (a "zstd bomb") is refused as [`SyncError::TooLarge`] as soon as it passes the
//! limit, and the decoder's window is capped at 2^[`WINDOW_LOG_MAX`] bytes (a frame that asks
//! for more is refused), so reading never holds more than a few MiB whatever the file says.
//!
//! **Why a temp file.** age's header announces the payload's size (the `keukentafel-size`
//! stanza, which tells truncated from altered files), so the compressed length must be known
//! before the first byte of the file is written. The compressed plaintext goes to a temp file
//! first: unnamed (deleted from the start where the system allows, else removed at the end)
//! and encrypted with a key that lives only in this process's memory, so neither a crash nor
//! the freed blocks of a USB stick leave readable household data behind. Memory stays flat:
//! ops go through one at a time.
//!
//! **Reading** decrypts and decompresses in one pass; [`read`] hands each verified-so-far op
//! to the caller, and returns only once the footer, the checksum and the signature are checked
//! (see [`crate::format::read_stream`]). A 2.x file (no compression) is read whole as before.

use std::io::{BufRead, BufReader, Read, Seek, Write};

use keukentafel_store::Op;

use crate::envelope::{self, Verdict};
use crate::error::SyncError;
use crate::format::{self, Manifest};
use crate::keys::{KeyPair, Recipient};
use crate::limits::Limits;
use crate::signing::SigningPublicKey;

/// zstd's frame magic number, the first bytes of a compressed content.
pub const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];
/// The compression level written (zstd's scale, 1 to 19). Measured on 270,000 ops (the file
/// bench, 2026-12-03): level 3 gives 34 bytes per op with a 47 MB peak for the whole export,
/// 6 gives 31 with 49 MB, 9 (window 4 MiB) 28 with 58 MB; 6 is the middle.
pub const LEVEL: i32 = 6;
/// The largest window the reader accepts: 2^23 bytes (8 MiB); the writer's level uses 2 MiB.
pub const WINDOW_LOG_MAX: u32 = 23;
const BUFFER: usize = 64 * 1024;

/// Counts the bytes read through it against a limit.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
    verdict: Verdict,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            self.verdict.set(SyncError::TooLarge { bytes: self.read, limit: self.limit });
            return Err(std::io::Error::other("over the size limit"));
        }
        Ok(n)
    }
}

/// Counts the bytes written through it.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A file's content, read back within the limits.
pub struct Verified<T> {
    pub manifest: Manifest,
    pub signer: SigningPublicKey,
    pub op_count: u64,
    /// What the caller's sender check returned.
    pub trusted: T,
}

/// Reads the file at `path` (its size on disk checked first) and verifies it, streaming; see
/// [`read`].
pub fn read_path<T>(
    path: &std::path::Path,
    key: &KeyPair,
    limits: &Limits,
    sender: impl FnOnce(&Manifest, &SigningPublicKey) -> Result<T, SyncError>,
    each_op: impl FnMut(Op),
) -> Result<Verified<T>, SyncError> {
    let mut file = std::fs::File::open(path).map_err(|e| SyncError::io(path, e))?;
    let size = file.metadata().map_err(|e| SyncError::io(path, e))?.len();
    if size > limits.max_file_bytes {
        return Err(SyncError::TooLarge { bytes: size, limit: limits.max_file_bytes });
    }
    let mut head = Vec::with_capacity(envelope::HEAD_BYTES);
    (&mut file).take(envelope::HEAD_BYTES as u64).read_to_end(&mut head).map_err(|e| SyncError::io(path, e))?;
    file.rewind().map_err(|e| SyncError::io(path, e))?;
    // Never more than the limit, should the file grow meanwhile.
    let input = BufReader::with_capacity(BUFFER, file.take(limits.max_file_bytes));
    read(&head, size, input, key, limits, sender, each_op)
}

/// Decrypts and verifies a whole file given as bytes; see [`read`].
pub fn read_bytes<T>(
    bytes: &[u8],
    key: &KeyPair,
    limits: &Limits,
    sender: impl FnOnce(&Manifest, &SigningPublicKey) -> Result<T, SyncError>,
    each_op: impl FnMut(Op),
) -> Result<Verified<T>, SyncError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(SyncError::TooLarge { bytes: bytes.len() as u64, limit: limits.max_file_bytes });
    }
    let head = &bytes[..bytes.len().min(envelope::HEAD_BYTES)];
    read(head, bytes.len() as u64, bytes, key, limits, sender, each_op)
}

/// Decrypts `input` (a whole file: `head` its first bytes, `total` its length) and verifies
/// it within `limits`: refused before decrypting when the header announces more than the size
/// limit, after the first line when the manifest is refused or announces too many ops, as soon
/// as the decompressed content passes the size limit or the ops pass the op limit. `sender`
/// and `each_op` as in [`format::read_stream`]; nothing the caller does with the ops may last
/// unless this returns `Ok`. A 2.x content is read whole and verified as before (its ops are
/// handed over at the end).
pub fn read<'a, T>(
    head: &[u8],
    total: u64,
    input: impl Read + 'a,
    key: &KeyPair,
    limits: &Limits,
    sender: impl FnOnce(&Manifest, &SigningPublicKey) -> Result<T, SyncError>,
    mut each_op: impl FnMut(Op),
) -> Result<Verified<T>, SyncError> {
    let verdict = Verdict::default();
    let decrypting = envelope::decrypt_stream(head, total, input, key, limits.max_file_bytes, &verdict)?;
    let mut decrypted = BufReader::with_capacity(BUFFER, decrypting);
    let compressed = decrypted.fill_buf().map_err(|e| verdict.take_or(e, damaged))?.starts_with(&ZSTD_MAGIC);
    let limit = limits.max_file_bytes;
    let mut content: Box<dyn BufRead + 'a> = if compressed {
        let mut decoder = zstd::stream::read::Decoder::with_buffer(decrypted).map_err(|e| SyncError::io("", e))?;
        decoder.window_log_max(WINDOW_LOG_MAX).map_err(|e| SyncError::io("", e))?;
        Box::new(BufReader::with_capacity(BUFFER, Counted { inner: decoder, read: 0, limit, verdict: verdict.clone() }))
    } else {
        Box::new(BufReader::with_capacity(BUFFER, Counted { inner: decrypted, read: 0, limit, verdict: verdict.clone() }))
    };
    let io = |e: std::io::Error| verdict.take_or(e, damaged);
    if !compressed {
        // Format 2.x (or a 3.x plaintext written without compression): the first line decides.
        let mut first = Vec::new();
        let whole_line = (&mut content)
            .take(format::LINE_MAX as u64)
            .read_until(b'\n', &mut first)
            .map_err(&io)?;
        if whole_line > 0 && first.ends_with(b"\n") {
            let manifest = format::check_first_line(&first[..first.len() - 1], limits.max_ops)?;
            if manifest.major >= format::STREAMING_MAJOR {
                let mut chained = std::io::Cursor::new(first).chain(content);
                let read = format::read_stream(&mut chained, limits.max_ops, sender, each_op, io)?;
                return Ok(Verified { manifest: read.manifest, signer: read.signer, op_count: read.op_count, trusted: read.trusted });
            }
        }
        // As before 3.0: the whole plaintext in memory (at most the size limit).
        let mut plaintext = first;
        content.read_to_end(&mut plaintext).map_err(&io)?;
        let (claimed, claimed_signer) = match format::claimed_sender(&plaintext) {
            Ok(claimed) => claimed,
            // No manifest line at all (one line, cut off or foreign): the plaintext reader
            // tells which, precisely (as `verify` always did).
            Err(e) if !plaintext.contains(&b'\n') => {
                return Err(format::read_plaintext_with(&plaintext, limits.max_ops).err().unwrap_or(e))
            }
            Err(e) => return Err(e),
        };
        let trusted = sender(&claimed, &claimed_signer)?;
        let contents = format::read_plaintext_with(&plaintext, limits.max_ops)?;
        drop(plaintext);
        let op_count = contents.ops.len() as u64;
        contents.ops.into_iter().for_each(&mut each_op);
        return Ok(Verified { manifest: contents.manifest, signer: contents.signer, op_count, trusted });
    }
    let read = format::read_stream(&mut content, limits.max_ops, sender, each_op, io)?;
    Ok(Verified { manifest: read.manifest, signer: read.signer, op_count: read.op_count, trusted: read.trusted })
}

/// A read error no layer explained: the compressed stream itself is damaged (age authenticated
/// it, so its writer made it so).
fn damaged(e: std::io::Error) -> SyncError {
    SyncError::Malformed(format!("the compressed content is damaged: {e}"))
}

/// The plaintext of a whole file (decrypted, and decompressed when compressed), not verified:
/// for tests and tools that look inside a file. At most [`Limits::DEFAULT`]'s size.
pub fn plaintext(bytes: &[u8], key: &KeyPair) -> Result<Vec<u8>, SyncError> {
    let decrypted = envelope::decrypt(bytes, key)?;
    if !decrypted.starts_with(&ZSTD_MAGIC) {
        return Ok(decrypted);
    }
    let verdict = Verdict::default();
    let mut decoder = zstd::stream::read::Decoder::new(&decrypted[..]).map_err(|e| SyncError::io("", e))?;
    decoder.window_log_max(WINDOW_LOG_MAX).map_err(|e| SyncError::io("", e))?;
    let mut out = Vec::new();
    Counted { inner: decoder, read: 0, limit: Limits::DEFAULT.max_file_bytes, verdict: verdict.clone() }
        .read_to_end(&mut out)
        .map_err(|e| verdict.take_or(e, damaged))?;
    Ok(out)
}

/// Compresses what `write_plain` writes into a zstd stream.
pub fn compress(write_plain: impl FnOnce(&mut dyn Write) -> Result<(), SyncError>) -> Result<Vec<u8>, SyncError> {
    let io = |e: std::io::Error| SyncError::io("", e);
    let mut encoder = encoder(Vec::new()).map_err(io)?;
    write_plain(&mut encoder)?;
    encoder.finish().map_err(io)
}

/// zstd's own parameters for [`LEVEL`] (a 2 MiB window for large inputs, within the reader's cap).
fn encoder<W: Write>(out: W) -> std::io::Result<zstd::stream::write::Encoder<'static, W>> {
    zstd::stream::write::Encoder::new(out, LEVEL)
}

/// Writes the file `path` for `recipients`: what `write_plain` writes, compressed and
/// encrypted, streaming through a private temp file in `path`'s folder (see the module doc),
/// then atomically (see [`crate::file::write_atomically_with`]).
pub fn write_file(
    path: &std::path::Path,
    recipients: &[Recipient],
    write_plain: impl FnOnce(&mut dyn Write) -> Result<(), SyncError>,
) -> Result<(), SyncError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| SyncError::io(dir, e))?;
    let io = |e: std::io::Error| SyncError::io(dir, e);
    // Unnamed where the system allows (Linux: deleted before a byte is written).
    let temp = tempfile::tempfile_in(dir).map_err(io)?;
    let this_file_only = age::x25519::Identity::generate();
    let to_temp = age::Encryptor::with_recipients(std::iter::once(&this_file_only.to_public() as &dyn age::Recipient))
        .map_err(|e| SyncError::InvalidRecipient(e.to_string()))?;
    let sealed = to_temp.wrap_output(std::io::BufWriter::with_capacity(BUFFER, temp)).map_err(io)?;
    let mut encoder = encoder(Counting { inner: sealed, written: 0 }).map_err(io)?;
    write_plain(&mut encoder)?;
    let counting = encoder.finish().map_err(io)?;
    let length = counting.written;
    let mut temp = counting.inner.finish().map_err(io)?.into_inner().map_err(|e| io(e.into_error()))?;
    temp.rewind().map_err(io)?;
    let opened = age::Decryptor::new(BufReader::with_capacity(BUFFER, temp))
        .map_err(|e| SyncError::io(dir, e))?
        .decrypt(std::iter::once(&this_file_only as &dyn age::Identity))
        .map_err(|e| SyncError::io(dir, e))?;
    crate::file::write_atomically_with(path, |out| {
        let out = std::io::BufWriter::with_capacity(BUFFER, out);
        let mut out = envelope::encrypt_stream(opened, length, recipients, out)?;
        out.flush().map_err(|e| SyncError::io(path, e))
    })
}
