#include "helm/funcs/funcs.h"

#include "helm/funcs/internal.h"

namespace helm::funcs {

namespace {

tmpl::FuncMap BuildSprig() {
  tmpl::FuncMap m;
  internal::RegisterStrings(m);
  internal::RegisterMath(m);
  internal::RegisterLists(m);
  internal::RegisterDicts(m);
  internal::RegisterDefaults(m);
  internal::RegisterRegex(m);
  internal::RegisterCrypto(m);
  internal::RegisterSemver(m);
  internal::RegisterDates(m);
  internal::RegisterMisc(m);
  internal::RegisterSprigJson(m);
  return m;
}

}  // namespace

// Built once; callers get their own copy (they may add or replace entries).
tmpl::FuncMap SprigFuncMap() {
  static const tmpl::FuncMap* sprig = new tmpl::FuncMap(BuildSprig());
  return *sprig;
}

tmpl::FuncMap AllFuncMap() {
  tmpl::FuncMap m = SprigFuncMap();
  for (auto& [k, v] : HelmFuncMap()) m[k] = v;
  return m;
}

}  // namespace helm::funcs
