// TOML output as BurntSushi/toml v1.6.0's Encoder writes it (Helm's toToml): keys sorted with plain values
// before tables, tables as [a.b] headers indented two spaces per level, lists of maps as [[a]], floats
// always with a decimal point or exponent, nil values skipped.
#include <cmath>
#include <string>
#include <vector>

#include "helm/base/strings.h"
#include "helm/yaml/yaml.h"

namespace helm::yaml {
namespace {

constexpr char kNilElement[] = "toml: cannot encode array with nil element";
constexpr char kNoKey[] = "toml: top-level values must be Go maps or structs";

enum class TomlType { kNil, kBool, kInteger, kFloat, kString, kArray, kArrayHash, kHash };

const Value& Plain(const Value& v, Value* storage) {
  if (v.is_object()) {
    std::optional<Value> p = v.as_object().AsPlainValue();
    *storage = p ? *p : Value();
    return *storage;
  }
  return v;
}

class TomlEncoder {
 public:
  bool Encode(const Value& v) {
    Encode({}, v);
    return error_.empty();
  }
  std::string& out() { return out_; }
  const std::string& error() const { return error_; }

 private:
  using Key = std::vector<std::string>;

  void Fail(const char* msg) {
    if (error_.empty()) error_ = msg;
  }

  TomlType TypeOf(const Value& in) {
    Value storage;
    const Value& v = Plain(in, &storage);
    switch (v.kind()) {
      case Kind::kNull:
      case Kind::kObject:
        return TomlType::kNil;
      case Kind::kBool:
        return TomlType::kBool;
      case Kind::kInt:
        return TomlType::kInteger;
      case Kind::kFloat:
        return TomlType::kFloat;
      case Kind::kString:
        return TomlType::kString;
      case Kind::kMap:
        return TomlType::kHash;
      case Kind::kList: {
        const ValueList& l = v.as_list();
        if (l.empty()) return TomlType::kArray;
        bool all_tables = true;
        for (const Value& e : l) {
          TomlType t = TypeOf(e);
          if (t == TomlType::kNil) {
            Fail(kNilElement);
            return TomlType::kArray;
          }
          if (t != TomlType::kHash) all_tables = false;
        }
        return all_tables ? TomlType::kArrayHash : TomlType::kArray;
      }
    }
    return TomlType::kNil;
  }

  static bool IsTable(TomlType t) { return t == TomlType::kHash || t == TomlType::kArrayHash; }

  void Newline() {
    if (has_written_) Write("\n");
  }
  void Write(std::string_view s) {
    out_.append(s);
    has_written_ = true;
  }
  std::string IndentStr(const Key& key) {
    std::string s;
    for (size_t i = 1; i < key.size(); i++) s += "  ";
    return s;
  }

  static void AppendQuoted(std::string* out, std::string_view s) {
    out->push_back('"');
    for (unsigned char c : s) {
      switch (c) {
        case '"':
          *out += "\\\"";
          break;
        case '\\':
          *out += "\\\\";
          break;
        case '\b':
          *out += "\\b";
          break;
        case '\t':
          *out += "\\t";
          break;
        case '\n':
          *out += "\\n";
          break;
        case '\f':
          *out += "\\f";
          break;
        case '\r':
          *out += "\\r";
          break;
        default:
          if (c < 0x20 || c == 0x7F) {
            static const char kHex[] = "0123456789abcdef";
            *out += "\\u00";
            out->push_back(kHex[c >> 4]);
            out->push_back(kHex[c & 0xF]);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
    }
    out->push_back('"');
  }
  static bool Bare(std::string_view k) {
    if (k.empty()) return false;
    for (char c : k) {
      bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      if (!ok) return false;
    }
    return true;
  }
  static void AppendKeyPiece(std::string* out, std::string_view k) {
    if (Bare(k)) {
      out->append(k);
    } else {
      AppendQuoted(out, k);
    }
  }
  static std::string KeyString(const Key& key) {
    std::string s;
    for (size_t i = 0; i < key.size(); i++) {
      if (i > 0) s.push_back('.');
      AppendKeyPiece(&s, key[i]);
    }
    return s;
  }

  void Encode(const Key& key, const Value& in) {
    if (!error_.empty()) return;
    Value storage;
    const Value& v = Plain(in, &storage);
    switch (v.kind()) {
      case Kind::kNull:
      case Kind::kObject:
        return;
      case Kind::kMap:
        Table(key, v);
        return;
      case Kind::kList:
        if (TypeOf(v) == TomlType::kArrayHash) {
          ArrayOfTables(key, v);
        } else {
          WriteKeyValue(key, v, false);
        }
        return;
      default:
        WriteKeyValue(key, v, false);
    }
  }

  void Element(const Value& in) {
    if (!error_.empty()) return;
    Value storage;
    const Value& v = Plain(in, &storage);
    switch (v.kind()) {
      case Kind::kString: {
        std::string s;
        AppendQuoted(&s, v.as_string());
        Write(s);
        return;
      }
      case Kind::kBool:
        Write(v.as_bool() ? "true" : "false");
        return;
      case Kind::kInt:
        if (v.int_type() == IntType::kUint64 || v.int_type() == IntType::kUint) {
          Write(std::to_string(static_cast<uint64_t>(v.as_int())));
        } else {
          Write(std::to_string(v.as_int()));
        }
        return;
      case Kind::kFloat: {
        double f = v.as_float();
        if (std::isnan(f) || std::isinf(f)) {
          if (std::signbit(f)) Write("-");
          Write(std::isnan(f) ? "nan" : "inf");
          return;
        }
        std::string s = FormatFloat(f, 'g', -1);
        if (s.find('e') == std::string::npos && s.find('.') == std::string::npos) s += ".0";
        Write(s);
        return;
      }
      case Kind::kList: {
        Write("[");
        const ValueList& l = v.as_list();
        for (size_t i = 0; i < l.size(); i++) {
          Value es;
          if (Plain(l[i], &es).is_null()) {
            Fail(kNilElement);
            return;
          }
          Element(l[i]);
          if (i + 1 != l.size()) Write(", ");
        }
        Write("]");
        return;
      }
      case Kind::kMap:
        Map({}, v, true);
        return;
      default:
        Fail(kNilElement);
    }
  }

  void ArrayOfTables(const Key& key, const Value& v) {
    if (key.empty()) {
      Fail(kNoKey);
      return;
    }
    for (const Value& e : v.as_list()) {
      Value es;
      const Value& t = Plain(e, &es);
      if (t.is_null()) continue;
      Newline();
      Write(IndentStr(key) + "[[" + KeyString(key) + "]]");
      Newline();
      Map(key, t, false);
    }
  }

  void Table(const Key& key, const Value& v) {
    if (key.size() == 1) Newline();
    if (!key.empty()) {
      Write(IndentStr(key) + "[" + KeyString(key) + "]");
      Newline();
    }
    Map(key, v, false);
  }

  void Map(const Key& key, const Value& v, bool inline_table) {
    std::vector<const std::pair<const std::string, Value>*> direct, sub;
    for (const auto& kv : v.as_map()) {
      (IsTable(TypeOf(kv.second)) ? sub : direct).push_back(&kv);
    }
    if (!error_.empty()) return;
    auto write_keys = [&](const std::vector<const std::pair<const std::string, Value>*>& keys, bool trail_comma) {
      for (size_t i = 0; i < keys.size(); i++) {
        Value s;
        const Value& val = Plain(keys[i]->second, &s);
        if (val.is_null()) continue;
        if (inline_table) {
          WriteKeyValue(Key{keys[i]->first}, val, true);
          if (trail_comma || i != keys.size() - 1) Write(", ");
        } else {
          Key k = key;
          k.push_back(keys[i]->first);
          Encode(k, val);
        }
      }
    };
    if (inline_table) Write("{");
    write_keys(direct, !sub.empty());
    write_keys(sub, false);
    if (inline_table) Write("}");
  }

  void WriteKeyValue(const Key& key, const Value& v, bool inline_table) {
    if (key.empty()) {
      Element(v);
      return;
    }
    std::string head = IndentStr(key);
    AppendKeyPiece(&head, key.back());
    head += " = ";
    Write(head);
    Element(v);
    if (!inline_table) Newline();
  }

  std::string out_;
  std::string error_;
  bool has_written_ = false;
};

}  // namespace

Result<std::string> MarshalToml(const Value& v) {
  TomlEncoder e;
  if (!e.Encode(v)) return Error(Code::kInvalidArgument, e.error());
  return std::move(e.out());
}

}  // namespace helm::yaml
