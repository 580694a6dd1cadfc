// Reading gzipped tar chart archives with the semantics of Go's compress/gzip + archive/tar as Helm uses
// them: decompression is lazy (only what the tar reader asks for), so trailing garbage after the tar
// end-of-archive marker is never seen, exactly as in Helm, and a decompression bomb costs nothing.
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>
#include <cstring>
#include <string>

#include "helm/base/strings.h"
#include "helm/chart/loader.h"

namespace helm::chart {

namespace {

Status Eof() { return Error(Code::kNotFound, "EOF"); }
Status UnexpectedEof() { return Error(Code::kParse, "unexpected EOF"); }
Status GzipHeaderError() { return Error(Code::kParse, "gzip: invalid header"); }
Status TarHeaderError() { return Error(Code::kParse, "archive/tar: invalid tar header"); }
bool IsEof(const Status& s) { return s.code() == Code::kNotFound && s.message() == "EOF"; }

// A multistream gzip reader over an in-memory buffer.
class GzipReader {
 public:
  explicit GzipReader(std::string_view in) : in_(in) {}
  ~GzipReader() {
    if (inflating_) inflateEnd(&zs_);
  }
  GzipReader(const GzipReader&) = delete;
  GzipReader& operator=(const GzipReader&) = delete;

  // Reads the first member's header (gzip.NewReader).
  Status Open() { return ReadHeader(); }

  // io.ReadFull: fills exactly n bytes; "EOF" if none were available, "unexpected EOF" if some were.
  Status ReadFull(char* out, size_t n) {
    size_t got = 0;
    while (got < n) {
      size_t r = 0;
      Status s = Read(out + got, n - got, &r);
      got += r;
      if (!s.ok()) {
        if (IsEof(s)) return got == 0 ? Eof() : UnexpectedEof();
        return s;
      }
    }
    return OkStatus();
  }

 private:
  Status ReadHeader() {
    // Go reads the 10-byte header with io.ReadFull.
    if (pos_ >= in_.size()) return Eof();
    if (in_.size() - pos_ < 10) return UnexpectedEof();
    const unsigned char* h = reinterpret_cast<const unsigned char*>(in_.data() + pos_);
    if (h[0] != 0x1f || h[1] != 0x8b || h[2] != 8) return GzipHeaderError();
    unsigned flg = h[3];
    size_t p = pos_ + 10;
    auto need = [&](size_t n) { return in_.size() - p >= n; };
    if (flg & 0x04) {  // FEXTRA
      if (!need(2)) return UnexpectedEof();
      size_t xlen = static_cast<unsigned char>(in_[p]) | (static_cast<unsigned char>(in_[p + 1]) << 8);
      p += 2;
      if (!need(xlen)) return UnexpectedEof();
      p += xlen;
    }
    for (unsigned bit : {0x08u, 0x10u}) {  // FNAME, FCOMMENT: NUL-terminated
      if (flg & bit) {
        size_t z = in_.find('\0', p);
        if (z == std::string_view::npos) return UnexpectedEof();
        p = z + 1;
      }
    }
    if (flg & 0x02) {  // FHCRC
      if (!need(2)) return UnexpectedEof();
      uLong crc = crc32(0, reinterpret_cast<const Bytef*>(in_.data() + pos_), static_cast<uInt>(p - pos_));
      unsigned want = static_cast<unsigned char>(in_[p]) | (static_cast<unsigned char>(in_[p + 1]) << 8);
      if ((crc & 0xffff) != want) return GzipHeaderError();
      p += 2;
    }
    pos_ = p;
    if (inflating_) {
      inflateReset(&zs_);
    } else {
      std::memset(&zs_, 0, sizeof zs_);
      if (inflateInit2(&zs_, -15) != Z_OK) return Error(Code::kInternal, "zlib init failed");
      inflating_ = true;
    }
    crc_ = crc32(0, nullptr, 0);
    size_ = 0;
    return OkStatus();
  }

  // One Read call: some bytes, or an error (sticky, as Go's gzip.Reader keeps z.err).
  Status Read(char* out, size_t n, size_t* got) {
    *got = 0;
    if (!err_.ok()) return err_;
    while (*got == 0) {
      if (member_done_) {
        member_done_ = false;
        Status h = ReadHeader();
        if (!h.ok()) {
          err_ = h;
          return err_;
        }
      }
      zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_.data() + pos_));
      zs_.avail_in = static_cast<uInt>(std::min<size_t>(in_.size() - pos_, 1u << 30));
      zs_.next_out = reinterpret_cast<Bytef*>(out);
      zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
      uInt before_in = zs_.avail_in;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      pos_ += before_in - zs_.avail_in;
      *got = std::min<size_t>(n, 1u << 30) - zs_.avail_out;
      crc_ = crc32(crc_, reinterpret_cast<const Bytef*>(out), static_cast<uInt>(*got));
      size_ += *got;
      if (rc == Z_STREAM_END) {
        if (in_.size() - pos_ < 8) {
          err_ = UnexpectedEof();
        } else {
          const unsigned char* t = reinterpret_cast<const unsigned char*>(in_.data() + pos_);
          uint32_t want_crc = t[0] | (t[1] << 8) | (t[2] << 16) | (static_cast<uint32_t>(t[3]) << 24);
          uint32_t want_size = t[4] | (t[5] << 8) | (t[6] << 16) | (static_cast<uint32_t>(t[7]) << 24);
          pos_ += 8;
          if (want_crc != static_cast<uint32_t>(crc_) || want_size != static_cast<uint32_t>(size_)) {
            err_ = Error(Code::kParse, "gzip: invalid checksum");
          } else {
            member_done_ = true;
          }
        }
        if (!err_.ok()) return *got > 0 ? OkStatus() : err_;
        continue;
      }
      if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
        err_ = Error(Code::kParse, "flate: corrupt input before offset " + std::to_string(pos_));
        return *got > 0 ? OkStatus() : err_;
      }
      if ((rc == Z_OK || rc == Z_BUF_ERROR) && *got == 0 && pos_ >= in_.size()) {
        err_ = UnexpectedEof();
        return err_;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        err_ = Error(Code::kInternal, "zlib error");
        return err_;
      }
      if (rc == Z_BUF_ERROR && *got == 0) {
        err_ = Error(Code::kInternal, "zlib made no progress");
        return err_;
      }
    }
    return OkStatus();
  }

  std::string_view in_;
  size_t pos_ = 0;
  z_stream zs_{};
  bool inflating_ = false;
  bool member_done_ = false;
  uLong crc_ = 0;
  uint64_t size_ = 0;
  Status err_;
};

struct TarHeader {
  std::string name;
  char typeflag = '0';
  int64_t mode = 0;
  int64_t size = 0;
  int64_t mtime = 0;
};

std::string_view CString(const char* p, size_t n) {
  size_t len = 0;
  while (len < n && p[len] != '\0') ++len;
  return std::string_view(p, len);
}

// Go's tar parseNumeric: base-256 when the high bit is set, else octal with spaces/NULs trimmed.
bool ParseNumeric(const char* p, size_t n, int64_t* out) {
  const unsigned char* b = reinterpret_cast<const unsigned char*>(p);
  if (n > 0 && (b[0] & 0x80)) {
    uint8_t inv = (b[0] & 0x40) ? 0xff : 0x00;
    uint64_t x = 0;
    for (size_t i = 0; i < n; ++i) {
      uint8_t c = b[i] ^ inv;
      if (i == 0) c &= 0x7f;
      if ((x >> 56) > 0) return false;
      x = (x << 8) | c;
    }
    if ((x >> 63) > 0) return false;
    *out = inv == 0xff ? ~static_cast<int64_t>(x) : static_cast<int64_t>(x);
    return true;
  }
  std::string_view s(p, n);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\0')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.remove_suffix(1);
  if (s.empty()) {
    *out = 0;
    return true;
  }
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '7') return false;
    if (v > (INT64_MAX >> 3)) return false;
    v = v * 8 + (c - '0');
  }
  *out = v;
  return true;
}

// PAX records "%d key=value\n".
bool ParsePax(std::string_view data, std::map<std::string, std::string>* out) {
  while (!data.empty()) {
    size_t sp = data.find(' ');
    if (sp == std::string_view::npos || sp == 0) return false;
    size_t len = 0;
    for (char c : data.substr(0, sp)) {
      if (c < '0' || c > '9') return false;
      len = len * 10 + static_cast<size_t>(c - '0');
      if (len > data.size()) return false;
    }
    if (len <= sp + 1 || len > data.size() || data[len - 1] != '\n') return false;
    std::string_view rec = data.substr(sp + 1, len - sp - 2);
    size_t eq = rec.find('=');
    if (eq == std::string_view::npos) return false;
    (*out)[std::string(rec.substr(0, eq))] = std::string(rec.substr(eq + 1));
    data.remove_prefix(len);
  }
  return true;
}

class TarReader {
 public:
  explicit TarReader(GzipReader* gz) : gz_(gz) {}

  // Next entry header; "EOF" at the end of the archive.
  Status Next(TarHeader* hdr) {
    HELM_RETURN_IF_ERROR(SkipRemaining());
    std::map<std::string, std::string> pax;
    std::string long_name;
    bool have_long_name = false;
    while (true) {
      char blk[512];
      HELM_RETURN_IF_ERROR(gz_->ReadFull(blk, 512));
      if (std::all_of(blk, blk + 512, [](char c) { return c == 0; })) {
        Status s = gz_->ReadFull(blk, 512);
        if (!s.ok()) return s;
        if (std::all_of(blk, blk + 512, [](char c) { return c == 0; })) return Eof();
        return TarHeaderError();
      }
      // Checksum over the block with the checksum field read as spaces (unsigned or signed sum).
      int64_t want = 0;
      if (!ParseNumeric(blk + 148, 8, &want)) return TarHeaderError();
      int64_t usum = 0, ssum = 0;
      for (int i = 0; i < 512; ++i) {
        unsigned char c = (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(blk[i]);
        usum += c;
        ssum += static_cast<signed char>(c);
      }
      if (want != usum && want != ssum) return TarHeaderError();
      std::string_view magic(blk + 257, 6);
      bool ustar = magic == std::string_view("ustar\0", 6);  // USTAR or PAX
      bool gnu = magic == "ustar " && std::string_view(blk + 263, 2) == std::string_view(" \0", 2);

      TarHeader h;
      h.typeflag = blk[156];
      h.name = std::string(CString(blk, 100));
      if (!ParseNumeric(blk + 100, 8, &h.mode) || !ParseNumeric(blk + 124, 12, &h.size) ||
          !ParseNumeric(blk + 136, 12, &h.mtime)) {
        return TarHeaderError();
      }
      if (ustar && !gnu) {
        std::string_view prefix = CString(blk + 345, 155);
        if (!prefix.empty()) h.name = std::string(prefix) + "/" + h.name;
      }
      if (h.size < 0) return TarHeaderError();
      remaining_ = IsHeaderOnly(h.typeflag) ? 0 : h.size;
      pad_ = (512 - remaining_ % 512) % 512;

      if (h.typeflag == 'x' || h.typeflag == 'L' || h.typeflag == 'K') {
        if (remaining_ > (1 << 20)) return Error(Code::kParse, "archive/tar: header field too long");
        std::string data(static_cast<size_t>(remaining_), '\0');
        HELM_RETURN_IF_ERROR(ReadData(data.data(), data.size()));
        HELM_RETURN_IF_ERROR(SkipRemaining());
        if (h.typeflag == 'x') {
          if (!ParsePax(data, &pax)) return TarHeaderError();
        } else if (h.typeflag == 'L') {
          long_name = std::string(CString(data.data(), data.size()));
          have_long_name = true;
        }
        continue;
      }
      if (have_long_name) h.name = long_name;
      if (auto it = pax.find("path"); it != pax.end()) h.name = it->second;
      if (auto it = pax.find("size"); it != pax.end()) {
        int64_t v = 0;
        for (char c : it->second) {
          if (c < '0' || c > '9' || v > (INT64_MAX - 9) / 10) return TarHeaderError();
          v = v * 10 + (c - '0');
        }
        h.size = v;
        remaining_ = IsHeaderOnly(h.typeflag) ? 0 : h.size;
        pad_ = (512 - remaining_ % 512) % 512;
      }
      if (auto it = pax.find("mtime"); it != pax.end()) {
        h.mtime = std::atoll(it->second.c_str());
      }
      if (h.typeflag == '\0') h.typeflag = h.name.ends_with("/") ? '5' : '0';
      *hdr = std::move(h);
      return OkStatus();
    }
  }

  // Reads up to n bytes of the current entry's data; *got < n at its end.
  Status Read(char* out, size_t n, size_t* got) {
    size_t take = static_cast<size_t>(std::min<int64_t>(remaining_, static_cast<int64_t>(n)));
    *got = 0;
    if (take == 0) return OkStatus();
    Status s = gz_->ReadFull(out, take);
    if (!s.ok()) return IsEof(s) ? UnexpectedEof() : s;
    remaining_ -= static_cast<int64_t>(take);
    *got = take;
    return OkStatus();
  }

 private:
  static bool IsHeaderOnly(char t) {
    return t == '1' || t == '2' || t == '3' || t == '4' || t == '5' || t == '6';
  }

  Status ReadData(char* out, size_t n) {
    size_t got = 0;
    HELM_RETURN_IF_ERROR(Read(out, n, &got));
    return got == n ? OkStatus() : UnexpectedEof();
  }

  Status SkipRemaining() {
    char buf[4096];
    int64_t left = remaining_ + pad_;
    while (left > 0) {
      size_t take = static_cast<size_t>(std::min<int64_t>(left, sizeof buf));
      Status s = gz_->ReadFull(buf, take);
      if (!s.ok()) return IsEof(s) ? UnexpectedEof() : s;
      left -= static_cast<int64_t>(take);
    }
    remaining_ = 0;
    pad_ = 0;
    return OkStatus();
  }

  GzipReader* gz_;
  int64_t remaining_ = 0;
  int64_t pad_ = 0;
};


bool IsDriveLetterPath(std::string_view n) {
  return n.size() >= 3 && std::isalpha(static_cast<unsigned char>(n[0])) && n[1] == ':' && n[2] == '/';
}

Status Illegal(std::string msg) { return Error(Code::kInvalidArgument, std::move(msg)); }

}  // namespace

Result<std::vector<File>> LoadArchiveFiles(std::string_view gzipped_tar) {
  GzipReader gz(gzipped_tar);
  Status open = gz.Open();
  if (!open.ok()) return open;
  TarReader tr(&gz);
  std::vector<File> files;
  int64_t remaining_size = kMaxDecompressedChartSize;
  const std::string too_big =
      "decompressed chart is larger than the maximum size " + std::to_string(kMaxDecompressedChartSize);
  while (true) {
    TarHeader hd;
    Status s = tr.Next(&hd);
    if (IsEof(s)) break;
    if (!s.ok()) return s;
    // FileInfo().IsDir(): the directory type or the directory bit of the mode field.
    if (hd.typeflag == '5' || (hd.mode & 0170000) == 0040000) continue;
    if (hd.typeflag == 'x' || hd.typeflag == 'g') continue;

    char delim = hd.name.find('\\') != std::string::npos ? '\\' : '/';
    std::vector<std::string> parts = Split(hd.name, std::string(1, delim));
    std::string n;
    for (size_t i = 1; i < parts.size(); ++i) {
      if (i > 1) n += '/';
      n += parts[i];
    }
    if (!n.empty() && n.front() == '/') return Illegal("chart illegally contains absolute paths");
    n = CleanPath(n);
    if (n == ".") {
      return Illegal("chart illegally contains content outside the base directory: " + GoQuote(hd.name));
    }
    if (n.starts_with("..")) return Illegal("chart illegally references parent directory");
    if (IsDriveLetterPath(n)) return Illegal("chart contains illegally named files");
    if (parts[0] == "Chart.yaml") return Illegal("chart yaml not in base directory");
    if (hd.size > remaining_size) return Illegal(too_big);
    if (hd.size > kMaxDecompressedFileSize) {
      return Illegal("decompressed chart file " + GoQuote(hd.name) + " is larger than the maximum file size " +
                     std::to_string(kMaxDecompressedFileSize));
    }
    std::string data;
    data.resize(static_cast<size_t>(std::min<int64_t>(hd.size, remaining_size)));
    size_t got = 0;
    HELM_RETURN_IF_ERROR(tr.Read(data.data(), data.size(), &got));
    data.resize(got);
    remaining_size -= static_cast<int64_t>(got);
    if (static_cast<int64_t>(got) < hd.size || remaining_size <= 0) return Illegal(too_big);
    if (data.starts_with("\xEF\xBB\xBF")) data.erase(0, 3);
    files.push_back(File{std::move(n), std::move(data), hd.mtime});
  }
  if (files.empty()) return Illegal("no files in chart archive");
  return files;
}

}  // namespace helm::chart
