// The parse tree of Go's text/template (internal to the template module).
//
// Nodes live in an arena owned by a Source (one parsed text); a Tree points into it. Node::String()
// reproduces Go's parse.Node String(), which execution errors print as "at <...>".
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"

namespace helm::tmpl {

enum class NodeType : uint8_t {
  kText,
  kAction,
  kBool,
  kChain,
  kCommand,
  kDot,
  kField,
  kIdentifier,
  kIf,
  kList,
  kNil,
  kNumber,
  kPipe,
  kRange,
  kString,
  kTemplate,
  kVariable,
  kWith,
  kComment,
  kBreak,
  kContinue,
  kElse,  // parser-internal
  kEnd,   // parser-internal
};

struct Node {
  NodeType type;
  int pos = 0;   // byte offset in the source text
  int line = 0;  // line of control nodes (Go keeps it for actions, pipes, templates)
  // Text: the literal text; Identifier: the name; String: the unquoted value; Number: the literal;
  // Template: the template name; Comment: the comment text.
  std::string text;
  std::string quoted;               // String: the literal as written
  std::vector<std::string> idents;  // Field, Variable (with the leading $name), Chain fields
  std::vector<Node*> nodes;         // List items, Command args, Pipe commands
  std::vector<Node*> decl;          // Pipe: declared variables
  Node* pipe = nullptr;             // Action, If, Range, With, Template
  Node* list = nullptr;             // If, Range, With
  Node* else_list = nullptr;        // If, Range, With
  Node* base = nullptr;             // Chain: the node the fields apply to
  bool is_assign = false;           // Pipe: `=` rather than `:=`
  bool bool_value = false;          // Bool
  uint8_t builtin = 0;              // Identifier: BuiltinId(text), 0 when not a builtin
  // Number
  bool is_int = false, is_uint = false, is_float = false, is_complex = false;
  int64_t int64 = 0;
  uint64_t uint64 = 0;
  double float64 = 0;

  std::string String() const;
  void WriteTo(std::string* out) const;
};

// One parsed text: owns the nodes of every tree defined in it and the text for error positions.
struct Source {
  std::string parse_name;  // the name given to Parse (Go's ParseName)
  std::string text;
  std::deque<Node> arena;

  Node* New(NodeType t, int pos) {
    arena.emplace_back();
    Node* n = &arena.back();
    n->type = t;
    n->pos = pos;
    return n;
  }

  // Go's ErrorContext location "NAME:LINE:COL" for a node position.
  std::string Location(int pos) const;
};

struct Tree {
  std::string name;
  std::shared_ptr<const Source> source;
  Node* root = nullptr;  // a List
};

// Whether a tree holds nothing but space and comments (Go's parse.IsEmptyTree).
bool IsEmptyTree(const Node* n);

// Parses `text` named `name` into trees (the main tree first, then every define/block in source order).
// `has_function` reports whether a function name is defined (builtins included).
Status ParseText(std::string_view name, std::string_view text,
                 const std::function<bool(std::string_view)>& has_function,
                 std::vector<Tree>* trees);

}  // namespace helm::tmpl
