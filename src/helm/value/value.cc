#include "helm/value/value.h"

namespace helm {

std::string_view IntTypeName(IntType t) {
  switch (t) {
    case IntType::kInt: return "int";
    case IntType::kInt64: return "int64";
    case IntType::kInt32: return "int32";
    case IntType::kInt16: return "int16";
    case IntType::kInt8: return "int8";
    case IntType::kUint: return "uint";
    case IntType::kUint64: return "uint64";
    case IntType::kUint32: return "uint32";
    case IntType::kUint16: return "uint16";
    case IntType::kUint8: return "uint8";
  }
  return "int";
}

std::string_view ListTypeName(ListType t) {
  switch (t) {
    case ListType::kInterface: return "[]interface {}";
    case ListType::kString: return "[]string";
    case ListType::kBytes: return "[]uint8";
  }
  return "[]interface {}";
}

std::string_view MapTypeName(MapType t) {
  switch (t) {
    case MapType::kInterface: return "map[string]interface {}";
    case MapType::kValues: return "common.Values";
    case MapType::kString: return "map[string]string";
  }
  return "map[string]interface {}";
}

const Value* Value::Find(std::string_view key) const {
  if (!is_map()) return nullptr;
  const ValueMap& m = as_map();
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

bool Value::Truth() const {
  switch (kind()) {
    case Kind::kNull: return false;
    case Kind::kBool: return as_bool();
    case Kind::kInt: return as_int() != 0;
    case Kind::kFloat: return as_float() != 0;
    case Kind::kString: return !as_string().empty();
    case Kind::kList: return !as_list().empty();
    case Kind::kMap: return !as_map().empty();
    case Kind::kObject: return as_object().Truth();
  }
  return false;
}

std::string Value::TypeName() const {
  switch (kind()) {
    case Kind::kNull: return "<nil>";
    case Kind::kBool: return "bool";
    case Kind::kInt: return std::string(IntTypeName(int_type()));
    case Kind::kFloat: return "float64";
    case Kind::kString: return "string";
    case Kind::kList: return std::string(ListTypeName(list_type()));
    case Kind::kMap: return std::string(MapTypeName(map_type()));
    case Kind::kObject: return as_object().TypeName();
  }
  return "";
}

bool Value::operator==(const Value& o) const {
  if (kind() != o.kind()) return false;
  switch (kind()) {
    case Kind::kNull: return true;
    case Kind::kBool: return as_bool() == o.as_bool();
    case Kind::kInt: return as_int() == o.as_int() && int_type() == o.int_type();
    case Kind::kFloat: return as_float() == o.as_float();
    case Kind::kString: return as_string() == o.as_string();
    case Kind::kList: return as_list() == o.as_list();
    case Kind::kMap: return map_ptr() == o.map_ptr() || as_map() == o.as_map();
    case Kind::kObject: return object_ptr() == o.object_ptr();
  }
  return false;
}

Value Value::DeepCopy() const {
  if (is_map()) {
    ValueMap copy;
    // Keys arrive in order, so every insertion goes at the end: no key comparisons.
    for (const auto& [k, v] : as_map()) copy.emplace_hint(copy.end(), k, v.DeepCopy());
    return Value(std::move(copy), map_type());
  }
  if (is_list()) {
    // Lists are immutable, so a list whose tree holds no map is shared instead of copied (nothing can
    // tell the difference); only lists reaching a map get fresh nodes.
    const ValueList& list = as_list();
    ValueList copy;
    bool copying = false;
    for (size_t i = 0; i < list.size(); ++i) {
      const Value& e = list[i];
      if (e.is_map() || e.is_list()) {
        Value c = e.DeepCopy();
        bool same = e.is_list() && std::get<ListRep>(c.v_) == std::get<ListRep>(e.v_);
        if (!same && !copying) {
          copying = true;
          copy.reserve(list.size());
          copy.assign(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (copying) copy.push_back(std::move(c));
      } else if (copying) {
        copy.push_back(e);
      }
    }
    if (!copying) return *this;
    return Value(std::move(copy), list_type());
  }
  return *this;
}

}  // namespace helm
