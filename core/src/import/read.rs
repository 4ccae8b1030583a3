//! Getting at a bill's text: ZIP or plain file, UTF-8 (with or without BOM) or GBK, sniffed from
//! the content; with guards against binary files, absurd lines and ZIP bombs. Everything
//! streams; nothing reads a whole bill into memory.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

use super::{Format, FormatChoice, ImportError};

/// Longest line a bill may have: real lines are a few hundred bytes.
pub const MAX_LINE: usize = 64 * 1024;
/// Largest ZIP entry we decompress.
pub const MAX_ZIP_ENTRY: u64 = 2 * 1024 * 1024 * 1024;
const SNIFF: usize = 64 * 1024;

/// Wraps a reader: hashes what passes (XXH3-128: identical-file detection needs speed, not
/// cryptographic strength) and refuses a line longer than `MAX_LINE`.
pub struct Guard<R> {
    inner: R,
    hasher: Xxh3,
    line_len: usize,
    pub line: u64,
    limit: Option<u64>,
    read_total: u64,
}

impl<R: Read> Guard<R> {
    pub fn new(inner: R, limit: Option<u64>) -> Self {
        Guard {
            inner,
            hasher: Xxh3::new(),
            line_len: 0,
            line: 1,
            limit,
            read_total: 0,
        }
    }

    pub fn digest(self) -> String {
        format!("{:032x}", self.hasher.digest128())
    }
}

/// The marker inside io errors that a guard tripped, so callers can turn it back into an
/// ImportError with the line number.
#[derive(Debug)]
pub enum Tripped {
    LineTooLong(u64),
    TooLarge,
}

impl std::fmt::Display for Tripped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Tripped {}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read_total += n as u64;
        if self.limit.is_some_and(|l| self.read_total > l) {
            return Err(io::Error::other(Tripped::TooLarge));
        }
        let chunk = &buf[..n];
        self.hasher.update(chunk);
        let mut start = 0;
        while let Some(pos) = memchr::memchr(b'\n', &chunk[start..]) {
            if self.line_len + pos > MAX_LINE {
                return Err(io::Error::other(Tripped::LineTooLong(self.line)));
            }
            self.line_len = 0;
            self.line += 1;
            start += pos + 1;
        }
        self.line_len += chunk.len() - start;
        if self.line_len > MAX_LINE {
            return Err(io::Error::other(Tripped::LineTooLong(self.line)));
        }
        Ok(n)
    }
}

/// Turns an io error from a guarded read back into the import error it stands for.
pub fn io_error(e: io::Error, zip_name: &str) -> ImportError {
    if let Some(t) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Tripped>())
    {
        return match t {
            Tripped::LineTooLong(line) => ImportError::LineTooLong {
                line: *line,
                limit: MAX_LINE,
            },
            Tripped::TooLarge => ImportError::ZipTooLarge {
                name: zip_name.to_string(),
                limit_mb: MAX_ZIP_ENTRY / 1024 / 1024,
            },
        };
    }
    ImportError::Io(e)
}

/// The text encoding of a bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gbk,
}

/// What the first bytes say: format and encoding.
pub fn sniff(prefix: &[u8], choice: FormatChoice) -> Result<(Format, Encoding), ImportError> {
    if prefix.is_empty() {
        return Err(ImportError::Empty);
    }
    if prefix.contains(&0) {
        return Err(ImportError::Binary);
    }
    let body = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    let (encoding, text) = match std::str::from_utf8(body) {
        Ok(t) => (Encoding::Utf8, t.to_string()),
        Err(e) if e.error_len().is_none() => (
            Encoding::Utf8,
            String::from_utf8_lossy(&body[..e.valid_up_to()]).into_owned(),
        ),
        Err(_) => {
            let (t, _, _) = encoding_rs::GBK.decode(body);
            (Encoding::Gbk, t.into_owned())
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // Look-alikes first: they share column names with the merchant bills (商户订单号, 交易时间)
    // and would otherwise fail later with a message that does not say what to download.
    // Consumers' exports have a 收/支 (in/out) column no merchant bill has.
    if text.contains("微信支付账单明细")
        || (text.contains("交易单号") && text.contains("收/支") && !text.contains("支付宝"))
    {
        return Err(ImportError::PersonalBill("WeChat Pay"));
    }
    if text.contains("支付宝交易记录明细查询")
        || text.contains("支付宝支付科技有限公司")
        || (text.contains("收/支")
            && ["交易号", "交易订单号", "商家订单号", "交易分类"]
                .iter()
                .any(|c| text.contains(c)))
    {
        return Err(ImportError::PersonalBill("Alipay"));
    }
    if let Some(at) = ["支付宝账务明细", "账务流水号"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
    {
        return Err(ImportError::AlipayLedger {
            line: Some(text[..at].matches('\n').count() as u64 + 1),
        });
    }
    let detected = if text.contains("支付宝交易号") || text.contains("#支付宝业务明细查询")
    {
        Some(Format::AlipayTrade)
    } else if text.contains("微信订单号") && text.contains("交易时间") {
        Some(Format::WechatTrade)
    } else {
        None
    };
    let format = match choice {
        FormatChoice::Only(f) => f,
        FormatChoice::Auto => detected.ok_or(ImportError::UnknownFormat)?,
    };
    Ok((format, encoding))
}

/// Opens a bill (plain or the ZIP Alipay ships) and hands its decoded text to `parse`, along
/// with the format. Returns what `parse` returned and the hash of the bill's bytes.
pub fn with_bill<T>(
    path: &Path,
    choice: FormatChoice,
    parse: impl FnOnce(Format, &mut dyn Read) -> Result<T, ImportError>,
) -> Result<(T, String), ImportError> {
    let mut file = File::open(path)?;
    let mut magic = [0u8; 4];
    let n = read_up_to(&mut file, &mut magic)?;
    drop(file);
    if n == 4 && &magic == b"PK\x03\x04" {
        return with_zip_entry(path, choice, parse);
    }
    let file = BufReader::with_capacity(256 * 1024, File::open(path)?);
    read_text(Box::new(file), choice, None, "", parse)
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn read_text<T>(
    source: Box<dyn Read + '_>,
    choice: FormatChoice,
    limit: Option<u64>,
    zip_name: &str,
    parse: impl FnOnce(Format, &mut dyn Read) -> Result<T, ImportError>,
) -> Result<(T, String), ImportError> {
    let guard = std::cell::RefCell::new(Guard::new(source, limit));
    let mut prefix = vec![0u8; SNIFF];
    let n = read_up_to(&mut *guard.borrow_mut(), &mut prefix).map_err(|e| io_error(e, zip_name))?;
    prefix.truncate(n);
    let (format, encoding) = sniff(&prefix, choice)?;
    let body_start = if prefix.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let result = {
        let rest = GuardRef(&guard);
        let chained = io::Cursor::new(prefix[body_start..].to_vec()).chain(rest);
        match encoding {
            Encoding::Utf8 => {
                let mut reader = chained;
                parse(format, &mut reader)
            }
            Encoding::Gbk => {
                let mut reader = encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding_rs::GBK))
                    .build(chained);
                parse(format, &mut reader)
            }
        }
    };
    let result = result.map_err(|e| match e {
        ImportError::Io(io) => io_error(io, zip_name),
        other => other,
    })?;
    // Hash what was not read (a parser stops after the summary).
    let mut sink = [0u8; 64 * 1024];
    loop {
        match guard.borrow_mut().read(&mut sink) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(io_error(e, zip_name)),
        }
    }
    Ok((result, guard.into_inner().digest()))
}

/// Reads through a shared guard.
struct GuardRef<'a, R>(&'a std::cell::RefCell<Guard<R>>);

impl<R: Read> Read for GuardRef<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.borrow_mut().read(buf)
    }
}

/// A spreadsheet export (XLSX, XLS, ODS): its first worksheet, turned into CSV text and read
/// like a generic CSV. Spreadsheets are small exports, so the sheet is read whole.
pub fn with_spreadsheet<T>(
    path: &Path,
    parse: impl FnOnce(Format, &mut dyn Read) -> Result<T, ImportError>,
) -> Result<(T, String), ImportError> {
    use calamine::{open_workbook_auto, Reader};
    let mut workbook = open_workbook_auto(path).map_err(|e| ImportError::Zip(e.to_string()))?;
    let sheet = workbook
        .worksheet_range_at(0)
        .ok_or(ImportError::Empty)?
        .map_err(|e| ImportError::Zip(e.to_string()))?;
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in sheet.rows() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        out.write_record(&cells)
            .map_err(|e| ImportError::Io(io::Error::other(e)))?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ImportError::Io(io::Error::other(e.to_string())))?;
    read_text(
        Box::new(io::Cursor::new(bytes)),
        FormatChoice::Only(Format::Csv),
        None,
        "",
        parse,
    )
}

/// A cell as the text a CSV export would hold: dates as `YYYY-MM-DD HH:MM:SS`, numbers exact.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::{Data, DataType};
    match cell {
        Data::DateTime(_) | Data::DateTimeIso(_) => cell
            .as_datetime()
            .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        Data::Float(f) => {
            // Spreadsheets keep amounts as binary floats; two decimals is what was typed.
            let text = format!("{f:.2}");
            text.strip_suffix(".00").map(str::to_string).unwrap_or(text)
        }
        other => other.to_string(),
    }
}

/// The ZIP Alipay ships: entry names in GBK without the UTF-8 flag; take 业务明细, not 汇总.
fn with_zip_entry<T>(
    path: &Path,
    choice: FormatChoice,
    parse: impl FnOnce(Format, &mut dyn Read) -> Result<T, ImportError>,
) -> Result<(T, String), ImportError> {
    let file = File::open(path)?;
    let mut archive =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|e| ImportError::Zip(e.to_string()))?;
    let mut names = Vec::new();
    let mut chosen = None;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| ImportError::Zip(e.to_string()))?;
        let raw = entry.name_raw().to_vec();
        let name = match std::str::from_utf8(&raw) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::GBK.decode(&raw).0.into_owned(),
        };
        let normalized = name.replace('\\', "/");
        if normalized.starts_with('/')
            || normalized.split('/').any(|part| part == "..")
            || normalized.contains(':')
        {
            return Err(ImportError::ZipTraversal(name));
        }
        if entry.is_file() && name.contains("业务明细") && !name.contains("汇总") {
            if entry.size() > MAX_ZIP_ENTRY {
                return Err(ImportError::ZipTooLarge {
                    name,
                    limit_mb: MAX_ZIP_ENTRY / 1024 / 1024,
                });
            }
            chosen = Some((i, name.clone()));
        }
        names.push(name);
    }
    let (index, name) = chosen.ok_or_else(|| {
        if names.iter().any(|n| n.contains("账务明细")) {
            ImportError::AlipayLedger { line: None }
        } else {
            ImportError::ZipNoDetail(names.join(", "))
        }
    })?;
    let entry = archive
        .by_index(index)
        .map_err(|e| ImportError::Zip(e.to_string()))?;
    let choice = match choice {
        FormatChoice::Auto => FormatChoice::Only(Format::AlipayTrade),
        other => other,
    };
    read_text(Box::new(entry), choice, Some(MAX_ZIP_ENTRY), &name, parse)
}
