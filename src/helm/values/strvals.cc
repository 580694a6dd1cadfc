#include "helm/values/strvals.h"

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <utility>

#include "helm/base/strings.h"
#include "helm/values/internal.h"

namespace helm::values {
namespace {

enum class Mode { kTyped, kString, kFile, kJson, kLiteral };

// Go's io.EOF travels through the parser (possibly wrapped) and ends parsing silently; a recovered
// panic (failed type assertion) becomes "unable to parse key: ..." at the nearest key() frame.
struct PErr {
  enum Type { kOk, kEof, kError, kPanic } type = kOk;
  Status status;

  static PErr Eof() { return PErr{kEof, Status()}; }
  static PErr Err(std::string msg) { return PErr{kError, Status(Code::kInvalidArgument, std::move(msg))}; }
  static PErr FromStatus(Status s) { return PErr{kError, std::move(s)}; }
  static PErr Panic(std::string msg) { return PErr{kPanic, Status(Code::kInvalidArgument, std::move(msg))}; }
  bool ok() const { return type == kOk; }
  bool eof() const { return type == kEof; }
  PErr Wrap(const std::string& context) const {
    if (type == kOk || type == kEof || type == kPanic) return *this;
    return PErr{type, status.Wrap(context)};
  }
};

constexpr uint32_t kNoRune = 0;

class Parser {
 public:
  Parser(std::string_view s, Mode mode, const RunesValueReader* reader) : s_(s), mode_(mode), reader_(reader) {}

  Status Parse(ValueMap& data) {
    while (true) {
      PErr e = Key(data, 0);
      if (e.ok()) continue;
      if (e.eof()) return OkStatus();
      return e.status;
    }
  }

 private:
  bool literal() const { return mode_ == Mode::kLiteral; }

  // bytes.Buffer.ReadRune / UnreadRune.
  bool ReadRune(uint32_t* r) {
    if (pos_ >= s_.size()) {
      last_width_ = 0;
      return false;
    }
    unsigned char b = static_cast<unsigned char>(s_[pos_]);
    if (b < 0x80) {
      *r = b;
      last_width_ = 1;
    } else {
      *r = DecodeRune(s_, pos_, &last_width_);
    }
    pos_ += last_width_;
    return true;
  }
  void UnreadRune() {
    pos_ -= last_width_;
    last_width_ = 0;
  }

  // runesUntil (with backslash escapes) or runesUntilLiteral. Returns false at EOF.
  bool RunesUntil(std::u32string_view stop, std::u32string* out, uint32_t* last) {
    out->clear();
    while (true) {
      uint32_t r;
      if (!ReadRune(&r)) {
        *last = kNoRune;
        return false;
      }
      if (stop.find(static_cast<char32_t>(r)) != std::u32string_view::npos) {
        *last = r;
        return true;
      }
      if (r == '\\' && !literal()) {
        uint32_t next;
        if (!ReadRune(&next)) {
          *last = kNoRune;
          return false;
        }
        out->push_back(next);
        continue;
      }
      out->push_back(r);
    }
  }

  static std::string Utf8(const std::u32string& rs) {
    std::string s;
    s.reserve(rs.size());
    for (char32_t r : rs) AppendUtf8(&s, r);
    return s;
  }

  // fmt's %q of a []rune: each rune quoted as a Go rune literal, e.g. ['x' 'y'].
  static std::string QuoteRunes(const std::u32string& rs) {
    std::string out = "[";
    for (size_t i = 0; i < rs.size(); ++i) {
      if (i) out.push_back(' ');
      std::string one;
      AppendUtf8(&one, rs[i]);
      std::string q = GoQuote(one);
      std::string inner = q.substr(1, q.size() - 2);
      if (inner == "\\\"") inner = "\"";
      if (inner == "'") inner = "\\'";
      out += "'" + inner + "'";
    }
    out.push_back(']');
    return out;
  }

  static void Set(ValueMap& data, const std::string& key, Value v) {
    if (key.empty()) return;
    data.insert_or_assign(key, std::move(v));
  }

  static PErr SetIndex(ValueList* list, int64_t index, Value v) {
    if (index < 0) return PErr::Err("negative " + std::to_string(index) + " index not allowed");
    if (index > kMaxIndex) {
      return PErr::Err("index of " + std::to_string(index) + " is greater than maximum supported index of " +
                       std::to_string(kMaxIndex));
    }
    if (static_cast<int64_t>(list->size()) <= index) list->resize(index + 1);
    (*list)[index] = std::move(v);
    return PErr();
  }

  static std::string ConversionPanic(const Value& v, std::string_view want) {
    return "interface conversion: interface {} is " + internal::PanicTypeName(v) + ", not " + std::string(want);
  }

  // strconv.Atoi with Go's error texts.
  static PErr Atoi(const std::string& s, int64_t* out) {
    std::string_view d = s;
    bool neg = false;
    if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
      neg = d[0] == '-';
      d.remove_prefix(1);
    }
    auto syntax = [&] { return PErr::Err("strconv.Atoi: parsing " + GoQuote(s) + ": invalid syntax"); };
    if (d.empty()) return syntax();
    uint64_t v = 0;
    bool overflow = false;
    for (char c : d) {
      if (c < '0' || c > '9') return syntax();
      if (v > (UINT64_MAX - 9) / 10) overflow = true;
      if (!overflow) v = v * 10 + (c - '0');
    }
    uint64_t limit = neg ? (uint64_t{1} << 63) : (uint64_t{1} << 63) - 1;
    if (overflow || v > limit) return PErr::Err("strconv.Atoi: parsing " + GoQuote(s) + ": value out of range");
    *out = neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
    return PErr();
  }

  PErr KeyIndex(int64_t* index) {
    std::u32string v;
    uint32_t last;
    if (!RunesUntil(U"]", &v, &last)) return PErr::Eof();
    return Atoi(Utf8(v), index);
  }

  // strings.EqualFold against an ASCII lower-case word (Unicode simple folding: ſ folds to s, K to k).
  static bool EqualFold(const std::u32string& rs, std::u32string_view word) {
    if (rs.size() != word.size()) return false;
    for (size_t i = 0; i < rs.size(); ++i) {
      char32_t r = rs[i], w = word[i];
      if (r == w || r == w - 32) continue;
      if (w == 's' && r == 0x17F) continue;
      if (w == 'k' && r == 0x212A) continue;
      return false;
    }
    return true;
  }

  static Value TypedVal(const std::u32string& rs, bool as_string) {
    std::string val = Utf8(rs);
    if (as_string) return Value(std::string_view(val));
    if (EqualFold(rs, U"true")) return Value(true);
    if (EqualFold(rs, U"false")) return Value(false);
    if (EqualFold(rs, U"null")) return Value();
    if (val == "0") return Value::Int64(0);
    if (!val.empty() && val[0] != '0') {
      std::string_view d = val;
      if (d[0] == '+' || d[0] == '-') d.remove_prefix(1);
      bool digits = !d.empty();
      for (char c : d) digits = digits && c >= '0' && c <= '9';
      if (digits) {
        errno = 0;
        long long iv = std::strtoll(val.c_str(), nullptr, 10);
        if (errno == 0) return Value::Int64(iv);
      }
    }
    return Value(std::string_view(val));
  }

  PErr Read(const std::u32string& rs, Value* out) {
    if (mode_ == Mode::kFile) {
      Result<Value> r = (*reader_)(Utf8(rs));
      if (!r.ok()) return PErr::FromStatus(r.status());
      *out = std::move(r).value();
      return PErr();
    }
    *out = TypedVal(rs, mode_ == Mode::kString);
    return PErr();
  }

  // Consumes blanks up to and including a comma; true when the value is empty (comma or EOF).
  bool EmptyVal() {
    while (true) {
      uint32_t r;
      if (!ReadRune(&r)) return true;
      if (r == ',') return true;
      if (!internal::IsGoSpace(r)) {
        UnreadRune();
        return false;
      }
    }
  }

  PErr DecodeJson(Value* out) {
    size_t consumed = 0;
    Result<Value> v = internal::DecodeJsonPrefix(s_.substr(pos_), &consumed);
    if (!v.ok()) return PErr::Err(v.status().message());
    pos_ += consumed;
    last_width_ = 0;
    *out = std::move(v).value();
    return PErr();
  }

  // valList: a {a,b} list, or kNotList when the value does not start with '{'.
  enum class ListResult { kList, kEof, kNotList, kError };
  ListResult ValList(ValueList* list, PErr* err) {
    uint32_t r;
    if (!ReadRune(&r)) return ListResult::kEof;
    if (r != '{') {
      UnreadRune();
      return ListResult::kNotList;
    }
    std::u32string rs;
    uint32_t last;
    while (true) {
      if (!RunesUntil(U",}", &rs, &last)) {
        *err = PErr::Err("list must terminate with '}'");
        return ListResult::kError;
      }
      Value v;
      if (last == '}') {
        uint32_t next;
        if (ReadRune(&next) && next != ',') UnreadRune();
        PErr e = Read(rs, &v);
        list->push_back(std::move(v));
        if (!e.ok()) {
          *err = e;
          return ListResult::kError;
        }
        return ListResult::kList;
      }
      PErr e = Read(rs, &v);
      if (!e.ok()) {
        *err = e;
        return ListResult::kError;
      }
      list->push_back(std::move(v));
    }
  }

  // val: the runes up to the next comma (or everything, for --set-literal).
  std::u32string Val() {
    std::u32string rs;
    uint32_t last;
    RunesUntil(literal() ? U"" : U",", &rs, &last);
    return rs;
  }

  PErr Key(ValueMap& data, int level) {
    PErr e = KeyInner(data, level);
    if (e.type == PErr::kPanic) return PErr::Err("unable to parse key: " + e.status.message());
    return e;
  }

  PErr KeyInner(ValueMap& data, int level) {
    std::u32string k;
    uint32_t last;
    if (!RunesUntil(literal() ? U"=[." : U"=[,.", &k, &last)) {
      if (k.empty()) return PErr::Eof();
      return PErr::Err("key " + GoQuote(Utf8(k)) + " has no value");
    }
    std::string key = Utf8(k);
    switch (last) {
      case '[': {
        int64_t i = 0;
        PErr e = KeyIndex(&i);
        if (!e.ok()) return e.Wrap("error parsing index");
        ValueList list;
        if (auto it = data.find(key); it != data.end()) {
          if (!it->second.is_list()) return PErr::Panic(ConversionPanic(it->second, "[]interface {}"));
          list = it->second.as_list();
        }
        e = ListItem(&list, i, level);
        if (e.type == PErr::kPanic) return e;
        Set(data, key, Value(std::move(list)));
        return e;
      }
      case '=': {
        if (literal()) {
          Set(data, key, Value(std::string_view(Utf8(Val()))));
          return PErr();
        }
        if (mode_ == Mode::kJson) {
          if (EmptyVal()) {
            Set(data, key, Value());
            return PErr();
          }
          Value v;
          PErr e = DecodeJson(&v);
          if (!e.ok()) return e;
          Set(data, key, std::move(v));
          EmptyVal();
          return PErr();
        }
        ValueList list;
        PErr err;
        switch (ValList(&list, &err)) {
          case ListResult::kList:
            Set(data, key, Value(std::move(list)));
            return PErr();
          case ListResult::kEof:
            Set(data, key, Value(""));
            return PErr::Eof();
          case ListResult::kNotList: {
            Value v;
            PErr e = Read(Val(), &v);
            Set(data, key, std::move(v));
            return e;
          }
          case ListResult::kError:
            return err;
        }
        return PErr();
      }
      case ',':
        Set(data, key, Value(""));
        return PErr::Err("key " + GoQuote(key) + " has no value (cannot end with ,)");
      case '.': {
        ++level;
        if (level > kMaxNestedNameLevel) {
          return PErr::Err("value name nested level is greater than maximum supported nested level of " +
                           std::to_string(kMaxNestedNameLevel));
        }
        std::shared_ptr<ValueMap> inner;
        bool existed = false;
        if (auto it = data.find(key); it != data.end()) {
          if (!it->second.is_map()) return PErr::Panic(ConversionPanic(it->second, "map[string]interface {}"));
          inner = it->second.map_ptr();
          existed = true;
        } else {
          inner = std::make_shared<ValueMap>();
        }
        PErr e = Key(*inner, level);
        if (e.ok() && inner->empty()) return PErr::Err("key map " + GoQuote(key) + " has no value");
        if (!inner->empty() && !existed) Set(data, key, Value(inner));
        return e;
      }
    }
    return PErr();
  }

  PErr ListItem(ValueList* list, int64_t i, int level) {
    if (i < 0) return PErr::Err("negative " + std::to_string(i) + " index not allowed");
    std::u32string k;
    uint32_t last;
    bool ok = RunesUntil(U"[.=", &k, &last);
    if (!k.empty()) return PErr::Err("unexpected data at end of array index: " + QuoteRunes(k));
    if (!ok) return PErr::Eof();
    switch (last) {
      case '=': {
        if (literal()) return SetIndex(list, i, Value(std::string_view(Utf8(Val()))));
        if (mode_ == Mode::kJson) {
          if (EmptyVal()) return SetIndex(list, i, Value());
          Value v;
          PErr e = DecodeJson(&v);
          if (!e.ok()) return e;
          e = SetIndex(list, i, std::move(v));
          if (!e.ok()) return e;
          EmptyVal();
          return PErr();
        }
        ValueList vl;
        PErr err;
        switch (ValList(&vl, &err)) {
          case ListResult::kList: return SetIndex(list, i, Value(std::move(vl)));
          case ListResult::kEof: return SetIndex(list, i, Value(""));
          case ListResult::kNotList: {
            Value v;
            PErr e = Read(Val(), &v);
            if (!e.ok()) return e;
            return SetIndex(list, i, std::move(v));
          }
          case ListResult::kError: return err;
        }
        return PErr();
      }
      case '[': {
        int64_t next = 0;
        PErr e = KeyIndex(&next);
        if (!e.ok()) return e.Wrap("error parsing index");
        ValueList current;
        if (static_cast<int64_t>(list->size()) > i) {
          const Value& existing = (*list)[i];
          if (!existing.is_null()) {
            if (!existing.is_list()) return PErr::Panic(ConversionPanic(existing, "[]interface {}"));
            current = existing.as_list();
          }
        }
        e = ListItem(&current, next, level);
        if (!e.ok()) return e;
        return SetIndex(list, i, Value(std::move(current)));
      }
      case '.': {
        std::shared_ptr<ValueMap> inner;
        if (static_cast<int64_t>(list->size()) > i) {
          Value& existing = (*list)[i];
          if (existing.is_map()) {
            inner = existing.map_ptr();
          } else {
            // Indices out of order: Helm starts a fresh map in place.
            inner = std::make_shared<ValueMap>();
            existing = Value(inner);
          }
        } else {
          inner = std::make_shared<ValueMap>();
        }
        PErr e = Key(*inner, level);
        if (!e.ok()) return e;
        return SetIndex(list, i, Value(inner));
      }
    }
    return PErr::Err("parse error: unexpected token " + std::to_string(last));
  }

  std::string_view s_;
  size_t pos_ = 0;
  int last_width_ = 0;
  Mode mode_;
  const RunesValueReader* reader_;
};

Status Run(std::string_view s, Value* base, Mode mode, const RunesValueReader* reader) {
  if (base->is_null()) *base = Value::EmptyMap();
  if (!base->is_map()) return Error(Code::kInternal, "strvals: base is not a map");
  return Parser(s, mode, reader).Parse(base->mutable_map());
}

}  // namespace

Status ParseSet(std::string_view s, Value* base) { return Run(s, base, Mode::kTyped, nullptr); }
Status ParseSetString(std::string_view s, Value* base) { return Run(s, base, Mode::kString, nullptr); }
Status ParseSetFile(std::string_view s, Value* base, const RunesValueReader& read) {
  return Run(s, base, Mode::kFile, &read);
}
Status ParseSetJson(std::string_view s, Value* base) { return Run(s, base, Mode::kJson, nullptr); }
Status ParseSetLiteral(std::string_view s, Value* base) { return Run(s, base, Mode::kLiteral, nullptr); }

}  // namespace helm::values
