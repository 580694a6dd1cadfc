#include "helm/funcs/funcs.h"

#include "helm/funcs/internal.h"

namespace helm::funcs {

tmpl::FuncMap SprigFuncMap() {
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

tmpl::FuncMap AllFuncMap() {
  tmpl::FuncMap m = SprigFuncMap();
  for (auto& [k, v] : HelmFuncMap()) m[k] = v;
  return m;
}

}  // namespace helm::funcs
