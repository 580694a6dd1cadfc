// The executor of Go's text/template and the TemplateSet around it.
//
// Internally errors unwind with C++ exceptions (the equivalent of Go's panics in text/template); they are
// caught in TemplateSet::Execute and never leave this module.
#include <pthread.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <map>
#include <unordered_map>
#include <string>
#include <utility>
#include <vector>

#include "helm/base/strings.h"
#include "helm/template/ast.h"
#include "helm/template/internal.h"
#include "helm/template/template.h"

namespace helm::tmpl {

namespace {
// The data of a TemplateSet (kept outside the class so the executor can name it).
struct SetData {
  Options options;
  const SetData* parent = nullptr;
  std::shared_ptr<const FuncMap> funcs;
  // Index of `funcs` by name without allocating a key per lookup.
  std::shared_ptr<const std::unordered_map<std::string_view, const Func*>> func_index;
  std::map<std::string, std::shared_ptr<const Tree>, std::less<>> trees;

  const Tree* Find(std::string_view name) const {
    for (const SetData* s = this; s != nullptr; s = s->parent) {
      auto it = s->trees.find(name);
      if (it != s->trees.end()) return it->second.get();
    }
    return nullptr;
  }

  const Func* FindFunc(std::string_view name) const {
    if (!func_index) return nullptr;
    auto it = func_index->find(name);
    return it == func_index->end() ? nullptr : it->second;
  }
};
}  // namespace

struct TemplateSet::Impl : SetData {};

namespace {

// The builtin functions of text/template.
enum class Builtin : uint8_t {
  kNone,
  kAnd,
  kOr,
  kNot,
  kLen,
  kIndex,
  kSlice,
  kPrint,
  kPrintf,
  kPrintln,
  kHtml,
  kJs,
  kUrlquery,
  kCall,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
};

Builtin LookupBuiltinByName(std::string_view name) {
  static const std::map<std::string_view, Builtin> kBuiltins = {
      {"and", Builtin::kAnd},       {"or", Builtin::kOr},       {"not", Builtin::kNot},
      {"len", Builtin::kLen},       {"index", Builtin::kIndex}, {"slice", Builtin::kSlice},
      {"print", Builtin::kPrint},   {"printf", Builtin::kPrintf}, {"println", Builtin::kPrintln},
      {"html", Builtin::kHtml},     {"js", Builtin::kJs},       {"urlquery", Builtin::kUrlquery},
      {"call", Builtin::kCall},     {"eq", Builtin::kEq},       {"ne", Builtin::kNe},
      {"lt", Builtin::kLt},         {"le", Builtin::kLe},       {"gt", Builtin::kGt},
      {"ge", Builtin::kGe},
  };
  auto it = kBuiltins.find(name);
  return it == kBuiltins.end() ? Builtin::kNone : it->second;
}

// A value during execution. Go distinguishes the invalid reflect.Value (a missing value, printed as
// "<no value>"), a value held in an interface-typed slot (map elements, list elements: a nil one is a nil
// interface, and field access reports the static type "interface {}"), and a concrete value.
struct Val {
  enum State : uint8_t { kInvalid, kIface, kDirect };
  Value v;
  State st = kInvalid;

  static Val Invalid() { return Val{}; }
  static Val Direct(Value v) { return Val{std::move(v), kDirect}; }
  static Val Iface(Value v) { return Val{std::move(v), kIface}; }

  bool valid() const { return st != kInvalid; }
  bool nil_iface() const { return st == kIface && v.is_null(); }
  // Go's indirectInterface: the concrete value, or invalid for a nil interface.
  Val Indirect() const {
    if (st == kIface) return v.is_null() ? Invalid() : Direct(v);
    return *this;
  }
  std::string TypeName() const { return st == kIface ? "interface {}" : v.TypeName(); }
  // In-place Indirect (Go's "dig down one level" in evalPipeline).
  void Dig() {
    if (st == kIface) st = v.is_null() ? kInvalid : kDirect;
  }
};

// Parameter type of the reflect.Value-typed builtins (and, eq, index ...): they see values unconverted.
constexpr ArgType kReflect = static_cast<ArgType>(250);

std::string_view ArgTypeName(ArgType t) {
  switch (t) {
    case ArgType::kAny: return "interface {}";
    case ArgType::kString: return "string";
    case ArgType::kInt: return "int";
    case ArgType::kInt64: return "int64";
    case ArgType::kFloat64: return "float64";
    case ArgType::kBool: return "bool";
    case ArgType::kList: return "[]interface {}";
    case ArgType::kStringList: return "[]string";
    case ArgType::kMap: return "map[string]interface {}";
    case ArgType::kBytes: return "[]uint8";
  }
  return "reflect.Value";
}

bool CanBeNil(ArgType t) {
  return t == ArgType::kAny || t == ArgType::kList || t == ArgType::kStringList || t == ArgType::kMap ||
         t == ArgType::kBytes || t == kReflect;
}

bool IsUnsigned(IntType t) {
  return t == IntType::kUint || t == IntType::kUint64 || t == IntType::kUint32 || t == IntType::kUint16 ||
         t == IntType::kUint8;
}

// Whether a concrete value is assignable to a parameter of type t.
bool Assignable(const Value& v, ArgType t) {
  switch (t) {
    case ArgType::kAny: return true;
    case ArgType::kString: return v.is_string();
    case ArgType::kInt: return v.is_int() && v.int_type() == IntType::kInt;
    case ArgType::kInt64: return v.is_int() && v.int_type() == IntType::kInt64;
    case ArgType::kFloat64: return v.is_float();
    case ArgType::kBool: return v.is_bool();
    case ArgType::kList: return v.is_list() && v.list_type() == ListType::kInterface;
    case ArgType::kStringList: return v.is_list() && v.list_type() == ListType::kString;
    case ArgType::kMap:
      return v.is_map() && (v.map_type() == MapType::kInterface || v.map_type() == MapType::kValues);
    case ArgType::kBytes: return v.is_list() && v.list_type() == ListType::kBytes;
  }
  return true;
}

Value ZeroOf(ArgType t) {
  switch (t) {
    case ArgType::kList: return Value::EmptyList();
    case ArgType::kStringList: return Value::EmptyList(ListType::kString);
    case ArgType::kBytes: return Value::EmptyList(ListType::kBytes);
    case ArgType::kMap: return Value::EmptyMap();
    default: return Value();
  }
}

bool Truth(const Val& val) {
  if (!val.valid()) return false;
  return val.v.Truth();  // a nil interface holds a null Value, whose truth is false
}

struct ExecError {
  Status status;
};

// Deep {{template}} recursion (Go allows 100000 levels) does not fit a normal thread stack, so past
// kBigStackDepth levels execution continues on a thread with a large, lazily committed stack.
constexpr int kBigStackDepth = 256;

}  // namespace

namespace {
// 1 GiB: ~10x what 100000 {{template}} levels need, small enough for heuristic overcommit.
constexpr size_t kBigStackBytes = size_t{1} << 30;
thread_local bool on_big_stack = false;
}  // namespace

bool OnBigStack() { return on_big_stack; }

void RunOnBigStack(const std::function<void()>& fn) {
  struct Job {
    const std::function<void()>* fn;
    std::exception_ptr error;
  } job{&fn, nullptr};
  auto entry = [](void* arg) -> void* {
    auto* j = static_cast<Job*>(arg);
    on_big_stack = true;
    try {
      (*j->fn)();
    } catch (...) {
      j->error = std::current_exception();
    }
    return nullptr;
  };
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kBigStackBytes);
  pthread_t th;
  if (pthread_create(&th, &attr, entry, &job) != 0) {
    pthread_attr_destroy(&attr);
    fn();  // no thread available: run in place
    return;
  }
  pthread_attr_destroy(&attr);
  pthread_join(th, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

namespace {
struct BreakSignal {};
struct ContinueSignal {};

const Value* PlainOf(const Value& v, Value* holder) {
  if (v.is_object()) {
    auto p = v.as_object().AsPlainValue();
    if (!p) return nullptr;
    *holder = std::move(*p);
    return holder;
  }
  return &v;
}

class State {
 public:
  State(const SetData* set, const Tree* tmpl, std::string* out, int depth)
      : set_(set), tmpl_(tmpl), out_(out), depth_(depth) {}

  void Run(const Val& dot) {
    vars_.push_back({"$", dot});
    Walk(dot, tmpl_->root);
  }

 private:
  struct Var {
    std::string_view name;
    Val value;
  };

  [[noreturn]] void Errorf(const std::string& msg) {
    std::string full;
    if (node_ == nullptr) {
      full = "template: " + tmpl_->name + ": " + msg;
    } else {
      full = "template: " + tmpl_->source->Location(node_->pos) + ": executing " + GoQuote(tmpl_->name) +
             " at <" + node_->String() + ">: " + msg;
    }
    throw ExecError{Status(Code::kExecution, std::move(full))};
  }

  void At(const Node* n) { node_ = n; }

  Val VarValue(std::string_view name) {
    for (size_t i = vars_.size(); i-- > 0;) {
      if (vars_[i].name == name) return vars_[i].value;
    }
    Errorf("undefined variable: " + std::string(name));
  }
  void SetVar(std::string_view name, const Val& v) {
    for (size_t i = vars_.size(); i-- > 0;) {
      if (vars_[i].name == name) {
        vars_[i].value = v;
        return;
      }
    }
    Errorf("undefined variable: " + std::string(name));
  }

  void Walk(const Val& dot, const Node* node) {
    At(node);
    switch (node->type) {
      case NodeType::kAction: {
        Val val = EvalPipeline(dot, node->pipe);
        if (node->pipe->decl.empty()) PrintValue(node, val);
        return;
      }
      case NodeType::kComment: return;
      case NodeType::kIf:
      case NodeType::kWith: WalkIfOrWith(node->type == NodeType::kWith, dot, node); return;
      case NodeType::kList:
        for (const Node* n : node->nodes) Walk(dot, n);
        return;
      case NodeType::kRange: WalkRange(dot, node); return;
      case NodeType::kTemplate: WalkTemplate(dot, node); return;
      case NodeType::kText: out_->append(node->text); return;
      case NodeType::kBreak: throw BreakSignal{};
      case NodeType::kContinue: throw ContinueSignal{};
      default: Errorf("unknown node: " + node->String());
    }
  }

  // Deeply nested controls and parenthesized pipelines continue on a big stack (see RunOnBigStack).
  template <typename F>
  void Nest(F&& f) {
    if (++nest_ != kBigStackDepth || OnBigStack()) {
      f();
    } else {
      RunOnBigStack([&] { f(); });
    }
    --nest_;
  }

  void WalkIfOrWith(bool is_with, const Val& dot, const Node* node) {
    Nest([&] { WalkIfOrWithImpl(is_with, dot, node); });
  }

  void WalkIfOrWithImpl(bool is_with, const Val& dot, const Node* node) {
    size_t mark = vars_.size();
    Val val = EvalPipeline(dot, node->pipe);
    if (Truth(val)) {
      if (is_with) {
        Walk(val, node->list);
      } else {
        Walk(dot, node->list);
      }
    } else if (node->else_list != nullptr) {
      Walk(dot, node->else_list);
    }
    vars_.resize(mark);
  }

  void OneIteration(const Node* r, size_t mark, const Val& index, const Val& elem) {
    size_t ndecl = r->pipe->decl.size();
    if (ndecl > 0) vars_[vars_.size() - 1].value = elem;
    if (ndecl > 1) vars_[vars_.size() - 2].value = index;
    try {
      Walk(elem, r->list);
    } catch (const ContinueSignal&) {
    }
    vars_.resize(mark);
  }

  void WalkRange(const Val& dot, const Node* r) {
    Nest([&] { WalkRangeImpl(dot, r); });
  }

  void WalkRangeImpl(const Val& dot, const Node* r) {
    At(r);
    size_t mark0 = vars_.size();
    Val val = EvalPipeline(dot, r->pipe);
    val.Dig();
    size_t mark = vars_.size();
    bool ran = false;
    try {
      ran = RangeBody(r, val, mark);
    } catch (const BreakSignal&) {
      ran = true;
    }
    vars_.resize(mark0);
    if (!ran && r->else_list != nullptr) {
      Walk(dot, r->else_list);
      vars_.resize(mark0);
    }
  }

  // Runs the iterations; returns false when the else branch applies.
  bool RangeBody(const Node* r, const Val& val, size_t mark) {
    if (!val.valid()) return false;
    Value holder;
    const Value* v = PlainOf(val.v, &holder);
    if (v == nullptr) {
      Errorf("range can't iterate over " + FormatValue(val.v));
    }
    switch (v->kind()) {
      case Kind::kList: {
        const ValueList& list = v->as_list();
        if (list.empty()) return false;
        bool iface = v->list_type() == ListType::kInterface;
        for (size_t i = 0; i < list.size(); ++i) {
          const Value& e = list[i];
          Val elem = iface ? Val::Iface(e) : Val::Direct(e);
          OneIteration(r, mark, Val::Direct(Value(static_cast<int>(i))), elem);
        }
        return true;
      }
      case Kind::kMap: {
        const ValueMap& map = v->as_map();
        if (map.empty()) return false;
        bool iface = v->map_type() != MapType::kString;
        // Copy the entries: the body may mutate the map (Sprig's set), as Go iterates a sorted snapshot.
        std::vector<std::pair<std::string, Value>> entries(map.begin(), map.end());
        for (auto& [k, e] : entries) {
          OneIteration(r, mark, Val::Direct(Value(std::string_view(k))), iface ? Val::Iface(e) : Val::Direct(e));
        }
        return true;
      }
      case Kind::kInt: {
        if (r->pipe->decl.size() > 1) {
          Errorf("can't use " + FormatValue(*v) + " to iterate over more than one variable");
        }
        int64_t n = v->as_int();
        if (IsUnsigned(v->int_type()) && n < 0) n = INT64_MAX;
        if (n <= 0) return false;
        for (int64_t i = 0; i < n; ++i) {
          OneIteration(r, mark, Val::Invalid(), Val::Direct(Value(i, v->int_type())));
        }
        return true;
      }
      default: Errorf("range can't iterate over " + FormatValue(*v));
    }
  }

  void WalkTemplate(const Val& dot, const Node* t) {
    At(t);
    const Tree* tmpl = set_->Find(t->text);
    if (tmpl == nullptr) Errorf("template " + GoQuote(t->text) + " not defined");
    if (depth_ == set_->options.max_exec_depth) {
      Errorf("exceeded maximum template depth (" + std::to_string(set_->options.max_exec_depth) + ")");
    }
    Val newdot = EvalPipeline(dot, t->pipe);
    State child(set_, tmpl, out_, depth_ + 1);
    if (depth_ + 1 == kBigStackDepth && !OnBigStack()) {
      RunOnBigStack([&] { child.Run(newdot); });
    } else {
      child.Run(newdot);
    }
  }

  Val EvalPipeline(const Val& dot, const Node* pipe) {
    Val v;
    Nest([&] { v = EvalPipelineImpl(dot, pipe); });
    return v;
  }

  Val EvalPipelineImpl(const Val& dot, const Node* pipe) {
    if (pipe == nullptr) return Val::Invalid();
    At(pipe);
    Val value;
    bool has_final = false;
    for (const Node* cmd : pipe->nodes) {
      value = EvalCommand(dot, cmd, value, has_final);
      has_final = true;
      value.Dig();
    }
    for (const Node* var : pipe->decl) {
      if (pipe->is_assign) {
        SetVar(var->idents[0], value);
      } else {
        vars_.push_back({var->idents[0], value});
      }
    }
    return value;
  }

  void NotAFunction(const std::vector<Node*>& args, bool has_final) {
    if (args.size() > 1 || has_final) {
      Errorf("can't give argument to non-function " + args[0]->String());
    }
  }

  Val EvalCommand(const Val& dot, const Node* cmd, const Val& final, bool has_final) {
    const Node* first = cmd->nodes[0];
    switch (first->type) {
      case NodeType::kField: return EvalFieldNode(dot, first, &cmd->nodes, final, has_final);
      case NodeType::kChain: return EvalChainNode(dot, first, &cmd->nodes, final, has_final);
      case NodeType::kIdentifier: return EvalFunction(dot, first, cmd, &cmd->nodes, final, has_final);
      case NodeType::kPipe:
        NotAFunction(cmd->nodes, has_final);
        return EvalPipeline(dot, first);
      case NodeType::kVariable: return EvalVariableNode(dot, first, &cmd->nodes, final, has_final);
      default: break;
    }
    At(first);
    NotAFunction(cmd->nodes, has_final);
    switch (first->type) {
      case NodeType::kBool: return Val::Direct(Value(first->bool_value));
      case NodeType::kDot: return dot;
      case NodeType::kNil: Errorf("nil is not a command");
      case NodeType::kNumber: return IdealConstant(first);
      case NodeType::kString: return Val::Direct(Value(first->text));
      default: break;
    }
    Errorf("can't evaluate command " + GoQuote(first->String()));
  }

  Val IdealConstant(const Node* c) {
    At(c);
    if (c->is_complex) Errorf("complex constants are not supported: " + c->text);
    const std::string& t = c->text;
    bool hex_int = t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') &&
                   t.find_first_of("pP") == std::string::npos;
    bool rune_int = !t.empty() && t[0] == '\'';
    if (c->is_float && !hex_int && !rune_int && t.find_first_of(".eEpP") != std::string::npos) {
      return Val::Direct(Value(c->float64));
    }
    if (c->is_int) return Val::Direct(Value::Int(c->int64, IntType::kInt));
    if (c->is_uint) Errorf(t + " overflows int");
    return Val::Invalid();
  }

  Val EvalFieldNode(const Val& dot, const Node* field, const std::vector<Node*>* args, const Val& final,
                    bool has_final) {
    At(field);
    return EvalFieldChain(dot, dot, field, field->idents, 0, args, final, has_final);
  }

  Val EvalChainNode(const Val& dot, const Node* chain, const std::vector<Node*>* args, const Val& final,
                    bool has_final) {
    At(chain);
    if (chain->idents.empty()) Errorf("internal error: no fields in evalChainNode");
    if (chain->base->type == NodeType::kNil) Errorf("indirection through explicit nil in " + chain->String());
    Val pipe = EvalArgUntyped(dot, chain->base);
    return EvalFieldChain(dot, pipe, chain, chain->idents, 0, args, final, has_final);
  }

  Val EvalVariableNode(const Val& dot, const Node* var, const std::vector<Node*>* args, const Val& final,
                       bool has_final) {
    At(var);
    Val value = VarValue(var->idents[0]);
    if (var->idents.size() == 1) {
      if (args != nullptr) NotAFunction(*args, has_final);
      return value;
    }
    return EvalFieldChain(dot, value, var, var->idents, 1, args, final, has_final);
  }

  Val EvalFieldChain(const Val& dot, Val receiver, const Node* node, const std::vector<std::string>& ident,
                     size_t from, const std::vector<Node*>* args, const Val& final, bool has_final) {
    size_t n = ident.size();
    for (size_t i = from; i + 1 < n; ++i) {
      receiver = EvalField(dot, ident[i], node, nullptr, Val(), false, receiver);
    }
    return EvalField(dot, ident[n - 1], node, args, final, has_final, receiver);
  }

  Val EvalField(const Val& dot, const std::string& name, const Node* node, const std::vector<Node*>* args,
                const Val& final, bool has_final, const Val& receiver) {
    if (!receiver.valid()) {
      if (set_->options.missing_key == MissingKey::kError) {
        Errorf("nil data; no entry for key " + GoQuote(name));
      }
      return Val::Invalid();
    }
    if (receiver.v.is_null()) Errorf("nil pointer evaluating " + receiver.TypeName() + "." + name);
    bool has_args = (args != nullptr && args->size() > 1) || has_final;
    const Value& rv = receiver.v;
    if (rv.is_object()) {
      const Object& obj = rv.as_object();
      if (obj.HasMethod(name)) return EvalMethod(dot, obj, name, node, args, final, has_final);
      std::optional<Value> f = obj.Field(name);
      if (f) {
        if (has_args) Errorf(name + " has arguments but cannot be invoked as function");
        return f->is_null() ? Val::Iface(Value()) : Val::Direct(std::move(*f));
      }
    } else if (rv.is_map()) {
      if (rv.map_type() == MapType::kValues &&
          (name == "AsMap" || name == "Table" || name == "PathValue" ||
           (name == "YAML" && set_->options.values_yaml))) {
        return EvalValuesMethod(dot, rv, name, node, args, final, has_final);
      }
      if (has_args) Errorf(name + " is not a method but has arguments");
      bool iface = rv.map_type() != MapType::kString;
      const Value* e = rv.Find(name);
      if (e != nullptr) return iface ? Val::Iface(*e) : Val::Direct(*e);
      switch (set_->options.missing_key) {
        case MissingKey::kDefault: return Val::Invalid();
        case MissingKey::kZero: return iface ? Val::Iface(Value()) : Val::Direct(Value(""));
        case MissingKey::kError: Errorf("map has no entry for key " + GoQuote(name));
      }
    }
    Errorf("can't evaluate field " + name + " in type " + receiver.TypeName());
  }

  Val EvalMethod(const Val& dot, const Object& obj, const std::string& name, const Node* node,
                 const std::vector<Node*>* args, const Val& final, bool has_final) {
    std::vector<Value> argv;
    if (args != nullptr) {
      for (size_t i = 1; i < args->size(); ++i) argv.push_back(EvalArg(dot, ArgType::kAny, (*args)[i]).v);
    }
    if (has_final) argv.push_back(ValidateType(final, ArgType::kAny).v);
    Result<Value> r = obj.CallMethod(name, argv);
    if (!r.ok()) {
      At(node);
      if (r.code() == Code::kInvalidArgument) Errorf(r.status().message());
      ReportCallError(name, r.status());
    }
    return r->is_null() ? Val::Iface(Value()) : Val::Direct(std::move(r).value());
  }

  // Methods of Helm's common.Values map type that work without YAML (methods win over map keys in Go).
  Val EvalValuesMethod(const Val& dot, const Value& map, const std::string& name, const Node* node,
                       const std::vector<Node*>* args, const Val& final, bool has_final) {
    static const std::vector<ArgType> kNone;
    static const std::vector<ArgType> kStr = {ArgType::kString};
    bool no_args = name == "AsMap" || name == "YAML";
    std::vector<Val> a = EvalArgs(dot, no_args ? kNone : kStr, false, name, args, final, has_final);
    if (name == "AsMap") return Val::Direct(map.WithMapType(MapType::kInterface));
    if (name == "YAML") {
      Result<std::string> y = set_->options.values_yaml(map);
      if (!y.ok()) BuiltinError(node, name, y.status().message());
      return Val::Direct(Value(std::move(y).value()));
    }
    const std::string& path = a[0].v.as_string();
    auto is_table = [](const Value* v) { return v != nullptr && v->is_map() && v->map_type() != MapType::kString; };
    // Values.Table: walks dotted keys; every step must be a map.
    auto table = [&](std::string_view p, Value* out, std::string* bad_key) {
      Value cur = map;
      for (const std::string& key : Split(p, ".")) {
        const Value* next = cur.Find(key);
        if (!is_table(next)) {
          *bad_key = key;
          return false;
        }
        cur = *next;
      }
      *out = cur.WithMapType(MapType::kValues);
      return true;
    };
    Value result;
    std::string bad;
    if (name == "Table") {
      if (!table(path, &result, &bad)) BuiltinError(node, name, GoQuote(bad) + " is not a table");
      return Val::Direct(result);
    }
    // PathValue
    if (path.empty()) BuiltinError(node, name, "YAML path cannot be empty");
    std::vector<std::string> parts = Split(path, ".");
    std::string key = parts.back();
    Value t = map;
    if (parts.size() > 1) {
      size_t cut = path.rfind('.');
      if (!table(std::string_view(path).substr(0, cut), &t, &bad)) {
        BuiltinError(node, name, GoQuote(key) + " is not a value");
      }
    }
    const Value* v = t.Find(key);
    // Go's istable only recognizes plain map[string]interface{} values.
    if (v == nullptr || (v->is_map() && v->map_type() == MapType::kInterface)) {
      BuiltinError(node, name, GoQuote(key) + " is not a value");
    }
    return Val::Iface(*v);
  }

  [[noreturn]] void ReportCallError(const std::string& name, const Status& st) {
    const std::string& msg = st.message();
    if (st.code() == Code::kExecution && msg.compare(0, 10, "template: ") == 0) throw ExecError{st};
    Errorf("error calling " + name + ": " + msg);
  }

  Val EvalFunction(const Val& dot, const Node* ident, const Node* cmd, const std::vector<Node*>* args,
                   const Val& final, bool has_final) {
    At(ident);
    const std::string& name = ident->text;
    if (const Func* f = set_->FindFunc(name)) return EvalCall(dot, *f, cmd, name, args, final, has_final);
    Builtin b = static_cast<Builtin>(ident->builtin);
    if (b == Builtin::kNone) Errorf(GoQuote(name) + " is not a defined function");
    return EvalBuiltin(dot, b, cmd, name, args, final, has_final);
  }

  // Go's arity check; returns the number of fixed parameters.
  size_t CheckArity(const std::string& name, size_t nparams, bool variadic, size_t nargs, bool has_final) {
    size_t num_in = nargs + (has_final ? 1 : 0);
    if (variadic) {
      size_t fixed = nparams - 1;
      if (num_in < fixed) {
        Errorf("wrong number of args for " + name + ": want at least " + std::to_string(fixed) + " got " +
               std::to_string(nargs));
      }
      return fixed;
    }
    if (num_in != nparams) {
      Errorf("wrong number of args for " + name + ": want " + std::to_string(nparams) + " got " +
             std::to_string(num_in));
    }
    return nargs;
  }

  // Evaluates arguments (and the piped final value) against parameter types, as Go's evalCall does.
  std::vector<Val> EvalArgs(const Val& dot, const std::vector<ArgType>& params, bool variadic,
                            const std::string& name, const std::vector<Node*>* args, const Val& final,
                            bool has_final) {
    size_t nargs = args != nullptr && !args->empty() ? args->size() - 1 : 0;
    size_t fixed = CheckArity(name, params.size(), variadic, nargs, has_final);
    std::vector<Val> argv;
    argv.reserve(nargs + (has_final ? 1 : 0));
    size_t i = 0;
    for (; i < fixed && i < nargs; ++i) argv.push_back(EvalArg(dot, params[i], (*args)[i + 1]));
    if (variadic) {
      for (; i < nargs; ++i) argv.push_back(EvalArg(dot, params.back(), (*args)[i + 1]));
    }
    if (has_final) {
      ArgType t = params.back();
      size_t num_in = nargs + 1;
      if (variadic && num_in - 1 < fixed) t = params[num_in - 1];
      argv.push_back(ValidateType(final, t));
    }
    return argv;
  }

  Val EvalCall(const Val& dot, const Func& f, const Node* node, const std::string& name,
               const std::vector<Node*>* args, const Val& final, bool has_final) {
    std::vector<Val> vals = EvalArgs(dot, f.params, f.variadic, name, args, final, has_final);
    std::vector<Value> argv;
    argv.reserve(vals.size());
    for (Val& v : vals) argv.push_back(std::move(v.v));
    CallInfo info{tmpl_->name};
    Result<Value> r = f.impl(argv, info);
    if (!r.ok()) {
      At(node);
      ReportCallError(name, r.status());
    }
    return r->is_null() ? Val::Iface(Value()) : Val::Direct(std::move(r).value());
  }

  // Go's validateType for a value passed to a parameter of type t.
  Val ValidateType(const Val& value, ArgType t) {
    if (t == kReflect) return value;
    if (!value.valid()) {
      if (CanBeNil(t)) return Val::Direct(ZeroOf(t));
      Errorf("invalid value; expected " + std::string(ArgTypeName(t)));
    }
    if (t == ArgType::kAny) return value;
    if (value.st == Val::kIface) {
      if (value.v.is_null()) {
        Errorf("wrong type for value; expected " + std::string(ArgTypeName(t)) + "; got interface {}");
      }
    }
    if (!Assignable(value.v, t)) {
      Errorf("wrong type for value; expected " + std::string(ArgTypeName(t)) + "; got " + value.v.TypeName());
    }
    return Val::Direct(value.v);
  }

  // evalArg with a nil type (chain bases): no conversion.
  Val EvalArgUntyped(const Val& dot, const Node* n) {
    At(n);
    switch (n->type) {
      case NodeType::kDot: return dot;
      case NodeType::kField: return EvalFieldNode(dot, n, nullptr, Val(), false);
      case NodeType::kVariable: return EvalVariableNode(dot, n, nullptr, Val(), false);
      case NodeType::kPipe: return EvalPipeline(dot, n);
      case NodeType::kIdentifier: return EvalFunction(dot, n, n, nullptr, Val(), false);
      case NodeType::kChain: return EvalChainNode(dot, n, nullptr, Val(), false);
      default: return EvalEmptyInterface(dot, n);
    }
  }

  Val EvalArg(const Val& dot, ArgType t, const Node* n) {
    At(n);
    switch (n->type) {
      case NodeType::kDot: return ValidateType(dot, t);
      case NodeType::kNil:
        if (CanBeNil(t)) return t == kReflect ? Val::Invalid() : Val::Direct(ZeroOf(t));
        Errorf("cannot assign nil to " + std::string(ArgTypeName(t)));
      case NodeType::kField: return ValidateType(EvalFieldNode(dot, n, nullptr, Val(), false), t);
      case NodeType::kVariable: return ValidateType(EvalVariableNode(dot, n, nullptr, Val(), false), t);
      case NodeType::kPipe: return ValidateType(EvalPipeline(dot, n), t);
      case NodeType::kIdentifier: return ValidateType(EvalFunction(dot, n, n, nullptr, Val(), false), t);
      case NodeType::kChain: return ValidateType(EvalChainNode(dot, n, nullptr, Val(), false), t);
      default: break;
    }
    switch (t) {
      case ArgType::kBool:
        if (n->type == NodeType::kBool) return Val::Direct(Value(n->bool_value));
        Errorf("expected bool; found " + n->String());
      case ArgType::kFloat64:
        if (n->type == NodeType::kNumber && n->is_float) return Val::Direct(Value(n->float64));
        Errorf("expected float; found " + n->String());
      case ArgType::kInt:
      case ArgType::kInt64:
        if (n->type == NodeType::kNumber && n->is_int) {
          return Val::Direct(Value(n->int64, t == ArgType::kInt ? IntType::kInt : IntType::kInt64));
        }
        Errorf("expected integer; found " + n->String());
      case ArgType::kString:
        if (n->type == NodeType::kString) return Val::Direct(Value(n->text));
        Errorf("expected string; found " + n->String());
      case ArgType::kAny: return EvalEmptyInterface(dot, n);
      default:
        if (t == kReflect) return EvalEmptyInterface(dot, n);
        break;
    }
    Errorf("can't handle " + n->String() + " for arg of type " + std::string(ArgTypeName(t)));
  }

  Val EvalEmptyInterface(const Val& dot, const Node* n) {
    At(n);
    switch (n->type) {
      case NodeType::kBool: return Val::Direct(Value(n->bool_value));
      case NodeType::kDot: return dot;
      case NodeType::kField: return EvalFieldNode(dot, n, nullptr, Val(), false);
      case NodeType::kIdentifier: return EvalFunction(dot, n, n, nullptr, Val(), false);
      case NodeType::kNil: Errorf("evalEmptyInterface: nil (can't happen)");
      case NodeType::kNumber: return IdealConstant(n);
      case NodeType::kString: return Val::Direct(Value(n->text));
      case NodeType::kVariable: return EvalVariableNode(dot, n, nullptr, Val(), false);
      case NodeType::kPipe: return EvalPipeline(dot, n);
      default: break;
    }
    Errorf("can't handle assignment of " + n->String() + " to empty interface argument");
  }

  void PrintValue(const Node* n, const Val& v) {
    At(n);
    if (!v.valid()) {
      out_->append("<no value>");
      return;
    }
    AppendValue(out_, v.v);
  }

  // ---- builtins -------------------------------------------------------------------------------

  [[noreturn]] void BuiltinError(const Node* node, const std::string& name, const std::string& msg) {
    At(node);
    Errorf("error calling " + name + ": " + msg);
  }

  static std::string EvalArgsString(const std::vector<Val>& vals) {
    if (vals.size() == 1 && vals[0].valid() && vals[0].v.is_string()) return vals[0].v.as_string();
    std::vector<Value> args;
    args.reserve(vals.size());
    for (const Val& v : vals) args.push_back(v.v.is_null() ? Value("<no value>") : v.v);
    return Sprint(args);
  }

  Val EvalBuiltin(const Val& dot, Builtin b, const Node* node, const std::string& name,
                  const std::vector<Node*>* args, const Val& final, bool has_final) {
    static const std::vector<ArgType> kR1 = {kReflect};
    static const std::vector<ArgType> kR2 = {kReflect, kReflect};
    static const std::vector<ArgType> kAnyV = {ArgType::kAny};
    static const std::vector<ArgType> kPrintfP = {ArgType::kString, ArgType::kAny};
    switch (b) {
      case Builtin::kAnd:
      case Builtin::kOr: {
        size_t nargs = args != nullptr && !args->empty() ? args->size() - 1 : 0;
        CheckArity(name, 2, true, nargs, has_final);
        bool is_or = b == Builtin::kOr;
        Val v;
        for (size_t i = 0; i < nargs; ++i) {
          v = EvalArg(dot, kReflect, (*args)[i + 1]);
          if (Truth(v) == is_or) return v;
        }
        if (has_final) v = final;
        return v;
      }
      case Builtin::kNot: {
        auto a = EvalArgs(dot, kR1, false, name, args, final, has_final);
        return Val::Direct(Value(!Truth(a[0])));
      }
      case Builtin::kLen: {
        auto a = EvalArgs(dot, kR1, false, name, args, final, has_final);
        const Val& item = a[0];
        if (item.nil_iface()) BuiltinError(node, name, "len of nil pointer");
        if (!item.valid()) BuiltinError(node, name, "reflect: call of reflect.Value.Type on zero Value");
        Value holder;
        const Value* v = PlainOf(item.v, &holder);
        if (v != nullptr) {
          switch (v->kind()) {
            case Kind::kString: return Val::Direct(Value(static_cast<int>(v->as_string().size())));
            case Kind::kList: return Val::Direct(Value(static_cast<int>(v->as_list().size())));
            case Kind::kMap: return Val::Direct(Value(static_cast<int>(v->as_map().size())));
            default: break;
          }
        }
        BuiltinError(node, name, "len of type " + item.v.TypeName());
      }
      case Builtin::kIndex: {
        auto a = EvalArgs(dot, kR2, true, name, args, final, has_final);
        return Index(node, name, a);
      }
      case Builtin::kSlice: {
        auto a = EvalArgs(dot, kR2, true, name, args, final, has_final);
        return Slice(node, name, a);
      }
      case Builtin::kPrint:
      case Builtin::kPrintln: {
        auto a = EvalArgs(dot, kAnyV, true, name, args, final, has_final);
        std::vector<Value> vs;
        vs.reserve(a.size());
        for (Val& v : a) vs.push_back(std::move(v.v));
        return Val::Direct(Value(b == Builtin::kPrint ? Sprint(vs) : Sprintln(vs)));
      }
      case Builtin::kPrintf: {
        auto a = EvalArgs(dot, kPrintfP, true, name, args, final, has_final);
        std::vector<Value> vs;
        vs.reserve(a.size());
        for (size_t i = 1; i < a.size(); ++i) vs.push_back(std::move(a[i].v));
        return Val::Direct(Value(Sprintf(a[0].v.as_string(), vs)));
      }
      case Builtin::kHtml:
      case Builtin::kJs:
      case Builtin::kUrlquery: {
        auto a = EvalArgs(dot, kAnyV, true, name, args, final, has_final);
        std::string s = EvalArgsString(a);
        if (b == Builtin::kHtml) return Val::Direct(Value(HtmlEscape(s)));
        if (b == Builtin::kJs) return Val::Direct(Value(JsEscape(s)));
        return Val::Direct(Value(UrlQueryEscape(s)));
      }
      case Builtin::kCall: {
        auto a = EvalArgs(dot, kR2, true, name, args, final, has_final);
        Val fn = a[0].Indirect();
        if (!fn.valid()) BuiltinError(node, name, "call of nil");
        std::string callee = args != nullptr && args->size() > 1 ? (*args)[1]->String() : "";
        BuiltinError(node, name, "non-function " + callee + " of type " + fn.v.TypeName());
      }
      case Builtin::kEq: {
        auto a = EvalArgs(dot, kR2, true, name, args, final, has_final);
        return Val::Direct(Value(Eq(node, name, a)));
      }
      case Builtin::kNe: {
        auto a = EvalArgs(dot, kR2, false, name, args, final, has_final);
        return Val::Direct(Value(!Eq(node, name, a)));
      }
      case Builtin::kLt:
      case Builtin::kLe:
      case Builtin::kGt:
      case Builtin::kGe: {
        auto a = EvalArgs(dot, kR2, false, name, args, final, has_final);
        bool r;
        if (b == Builtin::kLt) {
          r = Lt(node, name, a[0], a[1]);
        } else if (b == Builtin::kGe) {
          r = !Lt(node, name, a[0], a[1]);
        } else {
          bool le = Lt(node, name, a[0], a[1]) || Eq(node, name, a);
          r = b == Builtin::kLe ? le : !le;
        }
        return Val::Direct(Value(r));
      }
      case Builtin::kNone: break;
    }
    Errorf(GoQuote(name) + " is not a defined function");
  }

  enum class BasicKind { kInvalid, kBool, kInt, kFloat, kString, kUint };

  static BasicKind KindOf(const Val& v) {
    if (!v.valid()) return BasicKind::kInvalid;
    switch (v.v.kind()) {
      case Kind::kBool: return BasicKind::kBool;
      case Kind::kInt: return IsUnsigned(v.v.int_type()) ? BasicKind::kUint : BasicKind::kInt;
      case Kind::kFloat: return BasicKind::kFloat;
      case Kind::kString: return BasicKind::kString;
      default: return BasicKind::kInvalid;
    }
  }

  bool Eq(const Node* node, const std::string& name, const std::vector<Val>& a) {
    Val arg1 = a[0].Indirect();
    if (a.size() < 2) BuiltinError(node, name, "missing argument for comparison");
    BasicKind k1 = KindOf(arg1);
    for (size_t i = 1; i < a.size(); ++i) {
      Val arg = a[i].Indirect();
      BasicKind k2 = KindOf(arg);
      bool truth = false;
      if (k1 != k2) {
        if (k1 == BasicKind::kInt && k2 == BasicKind::kUint) {
          truth = arg1.v.as_int() >= 0 && arg1.v.as_int() == arg.v.as_int();
        } else if (k1 == BasicKind::kUint && k2 == BasicKind::kInt) {
          truth = arg.v.as_int() >= 0 && arg1.v.as_int() == arg.v.as_int();
        } else if (arg1.valid() && arg.valid()) {
          BuiltinError(node, name,
                       "incompatible types for comparison: " + arg1.v.TypeName() + " and " + arg.v.TypeName());
        }
      } else {
        switch (k1) {
          case BasicKind::kBool: truth = arg1.v.as_bool() == arg.v.as_bool(); break;
          case BasicKind::kFloat: truth = arg1.v.as_float() == arg.v.as_float(); break;
          case BasicKind::kInt:
          case BasicKind::kUint: truth = arg1.v.as_int() == arg.v.as_int(); break;
          case BasicKind::kString: truth = arg1.v.as_string() == arg.v.as_string(); break;
          case BasicKind::kInvalid: {
            bool nil1 = !arg1.valid(), nil2 = !arg.valid();
            if (!nil1 && !nil2 && arg1.v.kind() != arg.v.kind()) {
              std::vector<Value> fa = {arg1.v, Value(arg1.v.TypeName()), Value(arg.v.TypeName()), arg.v};
              BuiltinError(node, name, Sprintf("non-comparable types %s: %v, %s: %v", fa));
            }
            if (nil1 || nil2) {
              truth = nil1 == nil2;
            } else {
              if (!arg.v.is_object()) {
                std::vector<Value> fa = {arg.v, Value(arg.v.TypeName())};
                BuiltinError(node, name, Sprintf("non-comparable type %s: %v", fa));
              }
              truth = arg1.v == arg.v;
            }
            break;
          }
        }
      }
      if (truth) return true;
    }
    return false;
  }

  bool Lt(const Node* node, const std::string& name, const Val& a1, const Val& a2) {
    Val arg1 = a1.Indirect();
    BasicKind k1 = KindOf(arg1);
    if (k1 == BasicKind::kInvalid) BuiltinError(node, name, "invalid type for comparison");
    Val arg2 = a2.Indirect();
    BasicKind k2 = KindOf(arg2);
    if (k2 == BasicKind::kInvalid) BuiltinError(node, name, "invalid type for comparison");
    if (k1 != k2) {
      if (k1 == BasicKind::kInt && k2 == BasicKind::kUint) {
        return arg1.v.as_int() < 0 || static_cast<uint64_t>(arg1.v.as_int()) < static_cast<uint64_t>(arg2.v.as_int());
      }
      if (k1 == BasicKind::kUint && k2 == BasicKind::kInt) {
        return arg2.v.as_int() >= 0 &&
               static_cast<uint64_t>(arg1.v.as_int()) < static_cast<uint64_t>(arg2.v.as_int());
      }
      BuiltinError(node, name,
                   "incompatible types for comparison: " + arg1.v.TypeName() + " and " + arg2.v.TypeName());
    }
    switch (k1) {
      case BasicKind::kBool: BuiltinError(node, name, "invalid type for comparison");
      case BasicKind::kFloat: return arg1.v.as_float() < arg2.v.as_float();
      case BasicKind::kInt: return arg1.v.as_int() < arg2.v.as_int();
      case BasicKind::kUint:
        return static_cast<uint64_t>(arg1.v.as_int()) < static_cast<uint64_t>(arg2.v.as_int());
      case BasicKind::kString: return arg1.v.as_string() < arg2.v.as_string();
      default: break;
    }
    return false;
  }

  // Go's indexArg.
  int64_t IndexArg(const Node* node, const std::string& name, const Val& index0, size_t cap) {
    Val index = index0.Indirect();
    if (!index.valid()) BuiltinError(node, name, "cannot index slice/array with nil");
    if (!index.v.is_int()) {
      BuiltinError(node, name, "cannot index slice/array with type " + index.v.TypeName());
    }
    int64_t x = index.v.as_int();
    if (IsUnsigned(index.v.int_type()) && x < 0) {
      BuiltinError(node, name, "index out of range: " + std::to_string(x));
    }
    if (x < 0 || static_cast<uint64_t>(x) > cap) {
      BuiltinError(node, name, "index out of range: " + std::to_string(x));
    }
    return x;
  }

  Val Index(const Node* node, const std::string& name, const std::vector<Val>& a) {
    Val item = a[0].Indirect();
    if (!item.valid()) BuiltinError(node, name, "index of untyped nil");
    for (size_t k = 1; k < a.size(); ++k) {
      const Val& index = a[k];
      if (item.nil_iface()) BuiltinError(node, name, "index of nil pointer");
      item = item.Indirect();
      Value holder;
      const Value* v = PlainOf(item.v, &holder);
      if (v != nullptr && (v->is_list() || v->is_string())) {
        size_t len = v->is_list() ? v->as_list().size() : v->as_string().size();
        int64_t x = IndexArg(node, name, index, len);
        if (static_cast<size_t>(x) == len) {
          BuiltinError(node, name,
                       v->is_list() ? "reflect: slice index out of range" : "reflect: string index out of range");
        }
        if (v->is_string()) {
          item = Val::Direct(Value(static_cast<unsigned char>(v->as_string()[x]), IntType::kUint8));
        } else {
          const Value& e = v->as_list()[x];
          item = v->list_type() == ListType::kInterface ? Val::Iface(e) : Val::Direct(e);
        }
      } else if (v != nullptr && v->is_map()) {
        Val key = index.Indirect();
        if (!key.valid()) BuiltinError(node, name, "value is nil; should be of type string");
        if (!key.v.is_string()) {
          BuiltinError(node, name, "value has type " + key.v.TypeName() + "; should be string");
        }
        bool iface = v->map_type() != MapType::kString;
        const Value* e = v->Find(key.v.as_string());
        if (e != nullptr) {
          item = iface ? Val::Iface(*e) : Val::Direct(*e);
        } else {
          item = iface ? Val::Iface(Value()) : Val::Direct(Value(""));
        }
      } else {
        BuiltinError(node, name, "can't index item of type " + item.v.TypeName());
      }
    }
    return item;
  }

  Val Slice(const Node* node, const std::string& name, const std::vector<Val>& a) {
    Val item = a[0].Indirect();
    if (!item.valid()) BuiltinError(node, name, "slice of untyped nil");
    size_t nidx = a.size() - 1;
    if (nidx > 3) BuiltinError(node, name, "too many slice indexes: " + std::to_string(nidx));
    const Value& v = item.v;
    size_t cap;
    if (v.is_string()) {
      if (nidx == 3) BuiltinError(node, name, "cannot 3-index slice a string");
      cap = v.as_string().size();
    } else if (v.is_list()) {
      cap = v.as_list().size();
    } else {
      BuiltinError(node, name, "can't slice item of type " + v.TypeName());
    }
    int64_t idx[3] = {0, static_cast<int64_t>(cap), static_cast<int64_t>(cap)};
    for (size_t i = 0; i < nidx; ++i) idx[i] = IndexArg(node, name, a[i + 1], cap);
    if (idx[0] > idx[1]) {
      BuiltinError(node, name, "invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]));
    }
    if (nidx == 3 && idx[1] > idx[2]) {
      BuiltinError(node, name, "invalid slice index: " + std::to_string(idx[1]) + " > " + std::to_string(idx[2]));
    }
    if (v.is_string()) return Val::Direct(Value(v.as_string().substr(idx[0], idx[1] - idx[0])));
    const ValueList& list = v.as_list();
    ValueList out(list.begin() + idx[0], list.begin() + idx[1]);
    return Val::Direct(Value(std::move(out), v.list_type()));
  }

  const SetData* set_;
  const Tree* tmpl_;
  std::string* out_;
  int depth_;
  const Node* node_ = nullptr;
  std::vector<Var> vars_;
  int nest_ = 0;
};

bool IsBuiltinName(std::string_view name) { return LookupBuiltinByName(name) != Builtin::kNone; }

}  // namespace

uint8_t BuiltinId(std::string_view name) { return static_cast<uint8_t>(LookupBuiltinByName(name)); }

// ---------------------------------------------------------------------------------------------------

TemplateSet::TemplateSet(Options options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->funcs = std::make_shared<const FuncMap>();
}
TemplateSet::~TemplateSet() = default;
TemplateSet::TemplateSet(TemplateSet&&) noexcept = default;
TemplateSet& TemplateSet::operator=(TemplateSet&&) noexcept = default;

void TemplateSet::AddFuncs(const FuncMap& funcs) {
  auto merged = std::make_shared<FuncMap>(*impl_->funcs);
  for (const auto& [name, f] : funcs) (*merged)[name] = f;
  auto index = std::make_shared<std::unordered_map<std::string_view, const Func*>>();
  for (const auto& [name, f] : *merged) (*index)[name] = &f;
  impl_->funcs = std::move(merged);
  impl_->func_index = std::move(index);
}

Status TemplateSet::Parse(std::string_view name, std::string_view text) {
  std::vector<Tree> trees;
  const SetData* impl = impl_.get();
  std::function<bool(std::string_view)> has_function = [impl](std::string_view fn) {
    return impl->FindFunc(fn) != nullptr || IsBuiltinName(fn);
  };
  HELM_RETURN_IF_ERROR(ParseText(name, text, has_function, &trees));
  for (Tree& t : trees) {
    const Tree* old = impl_->Find(t.name);
    if (old != nullptr && IsEmptyTree(t.root) && old->root != nullptr) continue;
    std::string key = t.name;
    impl_->trees[key] = std::make_shared<const Tree>(std::move(t));
  }
  return OkStatus();
}

bool TemplateSet::Has(std::string_view name) const { return impl_->Find(name) != nullptr; }

Status TemplateSet::Execute(std::string_view name, const Value& data, std::string* out) const {
  const Tree* tree = impl_->Find(name);
  if (tree == nullptr) {
    return Error(Code::kExecution, "template: no template " + GoQuote(name) + " associated with template " +
                                       GoQuote(impl_->options.root_name));
  }
  State state(impl_.get(), tree, out, 0);
  try {
    state.Run(data.is_null() ? Val::Invalid() : Val::Direct(data));
  } catch (const ExecError& e) {
    return e.status;
  }
  return OkStatus();
}

std::unique_ptr<TemplateSet> TemplateSet::NewOverlay() const {
  auto child = std::make_unique<TemplateSet>(impl_->options);
  child->impl_->parent = impl_.get();
  child->impl_->funcs = impl_->funcs;
  child->impl_->func_index = impl_->func_index;
  return child;
}

}  // namespace helm::tmpl
