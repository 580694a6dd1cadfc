// Value: the dynamic data model shared by values files, templates, Sprig and YAML/JSON codecs.
//
// It mirrors what Go's interface{} holds in Helm: nil, bool, integers (with their Go static type, since
// typeOf/kindOf and function parameter checks depend on it), float64, string, slices, maps and opaque
// objects (Go structs with fields and methods, e.g. .Release, .Files, semver versions, time.Time).
//
// Copying a Value is cheap: strings and lists are shared immutable nodes; maps are shared *mutable* nodes
// with Go's reference semantics (Sprig's `set`/`unset`/`merge` mutate a dict in place and every holder of
// that dict sees the change, exactly as in Go). Use Map::Clone (DeepCopy) where Go copies.
//
// Thread-safety: a Value may be read from several threads as long as no thread mutates a map reachable
// from it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "helm/base/result.h"

namespace helm {

class Value;
class Object;

using ValueList = std::vector<Value>;
// Keys are kept in byte order, which is the order Go's fmt and text/template's range use for string keys.
using ValueMap = std::map<std::string, Value, std::less<>>;

enum class Kind : uint8_t { kNull, kBool, kInt, kFloat, kString, kList, kMap, kObject };

// The Go static type of an integer. Template literals are `int`; --set numbers and Sprig math give
// `int64`; a few functions give other widths.
enum class IntType : uint8_t { kInt, kInt64, kInt32, kInt16, kInt8, kUint, kUint64, kUint32, kUint16, kUint8 };

// The Go static type of a slice: []interface {} (the default), []string (splitList, keys, ...), []uint8
// ([]byte).
enum class ListType : uint8_t { kInterface, kString, kBytes };

// The Go static type of a map: map[string]interface {} (the default), Helm's Values type (.Values and its
// nested maps are plain maps, only the root is typed), map[string]string.
enum class MapType : uint8_t { kInterface, kValues, kString };

// Returns the Go type name, e.g. "int64", "[]interface {}", "map[string]interface {}".
std::string_view IntTypeName(IntType t);
std::string_view ListTypeName(ListType t);
std::string_view MapTypeName(MapType t);

class Value {
 public:
  Value() = default;  // nil
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int v) : v_(static_cast<int64_t>(v)) { sub_ = static_cast<uint8_t>(IntType::kInt); }
  Value(int64_t v, IntType t = IntType::kInt64) : v_(v) { sub_ = static_cast<uint8_t>(t); }
  Value(double f) : v_(f) {}
  Value(const char* s) : v_(std::make_shared<const std::string>(s)) {}
  Value(std::string_view s) : v_(std::make_shared<const std::string>(s)) {}
  Value(std::string s) : v_(std::make_shared<const std::string>(std::move(s))) {}
  Value(ValueList list, ListType t = ListType::kInterface)
      : v_(std::make_shared<const ValueList>(std::move(list))) {
    sub_ = static_cast<uint8_t>(t);
  }
  Value(ValueMap map, MapType t = MapType::kInterface) : v_(std::make_shared<ValueMap>(std::move(map))) {
    sub_ = static_cast<uint8_t>(t);
  }
  Value(std::shared_ptr<ValueMap> map, MapType t = MapType::kInterface) : v_(std::move(map)) {
    sub_ = static_cast<uint8_t>(t);
  }
  Value(std::shared_ptr<const Object> obj) : v_(std::move(obj)) {}

  // Named constructors for readability at call sites.
  static Value Int(int64_t v, IntType t = IntType::kInt) { return Value(v, t); }
  static Value Int64(int64_t v) { return Value(v, IntType::kInt64); }
  static Value Float(double f) { return Value(f); }
  static Value EmptyMap(MapType t = MapType::kInterface) { return Value(ValueMap{}, t); }
  static Value EmptyList(ListType t = ListType::kInterface) { return Value(ValueList{}, t); }

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_int() const { return kind() == Kind::kInt; }
  bool is_float() const { return kind() == Kind::kFloat; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_list() const { return kind() == Kind::kList; }
  bool is_map() const { return kind() == Kind::kMap; }
  bool is_object() const { return kind() == Kind::kObject; }

  // Accessors: the caller must have checked the kind.
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  IntType int_type() const { return static_cast<IntType>(sub_); }
  double as_float() const { return std::get<double>(v_); }
  const std::string& as_string() const { return *std::get<StringRep>(v_); }
  const ValueList& as_list() const { return *std::get<ListRep>(v_); }
  ListType list_type() const { return static_cast<ListType>(sub_); }
  const ValueMap& as_map() const { return *std::get<MapRep>(v_); }
  // Go maps are references: mutation through any copy is seen by all copies.
  ValueMap& mutable_map() const { return *std::get<MapRep>(v_); }
  const std::shared_ptr<ValueMap>& map_ptr() const { return std::get<MapRep>(v_); }
  MapType map_type() const { return static_cast<MapType>(sub_); }
  const Object& as_object() const { return *std::get<ObjectRep>(v_); }
  const std::shared_ptr<const Object>& object_ptr() const { return std::get<ObjectRep>(v_); }

  // Returns the same data with another Go static type tag (e.g. a generic map viewed as Values).
  Value WithMapType(MapType t) const { Value c = *this; c.sub_ = static_cast<uint8_t>(t); return c; }
  Value WithListType(ListType t) const { Value c = *this; c.sub_ = static_cast<uint8_t>(t); return c; }
  Value WithIntType(IntType t) const { Value c = *this; c.sub_ = static_cast<uint8_t>(t); return c; }

  // Map lookup; nullptr when this is not a map or the key is absent.
  const Value* Find(std::string_view key) const;

  // Go's notion of truth used by text/template's if/with/and/or: false for nil, false, 0, 0.0, "", and
  // empty lists and maps; objects decide for themselves.
  bool Truth() const;

  // Go type name as reflect prints it ("<nil>", "bool", "int", "float64", "string", "[]interface {}",
  // "map[string]interface {}", or the object's own name).
  std::string TypeName() const;

  // Deep structural equality (lists and maps by content, objects by identity). Int and float compare by
  // kind and type: Value(1) != Value(1.0), as Go's reflect.DeepEqual would say.
  bool operator==(const Value& other) const;

  // A deep copy: every map in the tree is a fresh node (Go's copystructure).
  Value DeepCopy() const;

 private:
  using StringRep = std::shared_ptr<const std::string>;
  using ListRep = std::shared_ptr<const ValueList>;
  using MapRep = std::shared_ptr<ValueMap>;
  using ObjectRep = std::shared_ptr<const Object>;
  std::variant<std::monostate, bool, int64_t, double, StringRep, ListRep, MapRep, ObjectRep> v_;
  uint8_t sub_ = 0;  // IntType, ListType or MapType, by kind
};

// An opaque Go value with fields and methods, such as .Release, .Chart, .Files, .Capabilities, a semver
// version or a time.Time. Implementations are immutable after construction.
class Object {
 public:
  virtual ~Object() = default;

  // Go type name for errors and typeOf, e.g. "*chart.Metadata", "time.Time".
  virtual std::string TypeName() const = 0;
  // reflect.Kind name for kindOf, e.g. "ptr", "struct", "map", "slice".
  virtual std::string KindName() const { return "ptr"; }

  // The value of field `name`, or nullopt when the type has no such field (the template executor then
  // reports "can't evaluate field NAME in type TYPE").
  virtual std::optional<Value> Field(std::string_view name) const { return std::nullopt; }

  // Whether `name` is a method (methods take precedence over fields, as in Go).
  virtual bool HasMethod(std::string_view name) const { return false; }
  // Calls method `name`. Implementations check arity and argument types themselves and use Go's error
  // texts ("wrong number of args for Get: want 1 got 0").
  virtual Result<Value> CallMethod(std::string_view name, std::span<const Value> args) const {
    return Error(Code::kInternal, "no method " + std::string(name));
  }

  // What fmt's %v prints for this value.
  virtual std::string Format() const = 0;

  virtual bool Truth() const { return true; }

  // For `len` and `index` on map- or slice-like objects; nullopt when unsupported.
  virtual std::optional<Value> AsPlainValue() const { return std::nullopt; }
};

}  // namespace helm
