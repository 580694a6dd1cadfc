// Sprig's math: integer functions through cast.ToInt64 (int64 results), float functions through
// cast.ToFloat64 and shopspring/decimal (float64 results).
#include <cmath>
#include <limits>

#include "helm/base/strings.h"
#include "helm/funcs/internal.h"

namespace helm::funcs::internal {
namespace {

// A decimal number: sign * digits * 10^exp, digits without leading zeros ("" is zero). Enough of
// shopspring/decimal for addf/subf/mulf/divf: exact add, sub and mul; division rounded half away from
// zero at 16 decimal places.
struct Decimal {
  bool neg = false;
  std::string digits;  // most significant first
  int64_t exp = 0;

  static Decimal FromFloat(double f) {
    Decimal d;
    if (f == 0 || !std::isfinite(f)) return d;
    std::string e = FormatFloat(f, 'e', -1);  // shortest: [-]d.ddde[+-]xx
    size_t i = 0;
    if (e[0] == '-') {
      d.neg = true;
      i = 1;
    }
    size_t epos = e.find('e');
    std::string mant = e.substr(i, epos - i);
    int64_t ex = std::stoll(e.substr(epos + 1));
    std::string dig;
    int64_t frac = 0;
    bool after = false;
    for (char c : mant) {
      if (c == '.') {
        after = true;
        continue;
      }
      dig.push_back(c);
      if (after) ++frac;
    }
    d.digits = dig;
    d.exp = ex - frac;
    d.Normalize();
    return d;
  }

  void Normalize() {
    size_t nz = digits.find_first_not_of('0');
    if (nz == std::string::npos) {
      digits.clear();
      neg = false;
      exp = 0;
      return;
    }
    digits.erase(0, nz);
    while (!digits.empty() && digits.back() == '0') {
      digits.pop_back();
      ++exp;
    }
  }

  double ToFloat() const {
    if (digits.empty()) return 0;
    std::string s = (neg ? "-" : "") + digits + "e" + std::to_string(exp);
    return std::strtod(s.c_str(), nullptr);
  }
};

// Magnitude helpers on digit strings aligned to the same exponent.
std::string Pad(const Decimal& d, int64_t exp) { return d.digits + std::string(d.exp - exp, '0'); }

int CmpMag(const std::string& a, const std::string& b) {
  size_t ia = a.find_first_not_of('0'), ib = b.find_first_not_of('0');
  std::string_view x = ia == std::string::npos ? "" : std::string_view(a).substr(ia);
  std::string_view y = ib == std::string::npos ? "" : std::string_view(b).substr(ib);
  if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
  int c = x.compare(y);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string AddMag(const std::string& a, const std::string& b) {
  std::string r;
  int carry = 0;
  size_t i = a.size(), j = b.size();
  while (i > 0 || j > 0 || carry) {
    int s = carry;
    if (i > 0) s += a[--i] - '0';
    if (j > 0) s += b[--j] - '0';
    r.push_back(static_cast<char>('0' + s % 10));
    carry = s / 10;
  }
  return std::string(r.rbegin(), r.rend());
}

std::string SubMag(const std::string& a, const std::string& b) {  // a >= b
  std::string r;
  int borrow = 0;
  size_t i = a.size(), j = b.size();
  while (i > 0) {
    int s = a[--i] - '0' - borrow;
    if (j > 0) s -= b[--j] - '0';
    borrow = s < 0;
    if (s < 0) s += 10;
    r.push_back(static_cast<char>('0' + s));
  }
  return std::string(r.rbegin(), r.rend());
}

std::string MulMag(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return "";
  std::vector<int> r(a.size() + b.size(), 0);
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) r[i + j + 1] += (a[i] - '0') * (b[j] - '0');
  }
  for (size_t k = r.size(); k-- > 1;) {
    r[k - 1] += r[k] / 10;
    r[k] %= 10;
  }
  std::string s;
  for (int d : r) s.push_back(static_cast<char>('0' + d));
  return s;
}

Decimal Add(const Decimal& x, const Decimal& y) {
  if (x.digits.empty()) return y;
  if (y.digits.empty()) return x;
  int64_t e = std::min(x.exp, y.exp);
  std::string a = Pad(x, e), b = Pad(y, e);
  Decimal r;
  r.exp = e;
  if (x.neg == y.neg) {
    r.digits = AddMag(a, b);
    r.neg = x.neg;
  } else if (CmpMag(a, b) >= 0) {
    r.digits = SubMag(a, b);
    r.neg = x.neg;
  } else {
    r.digits = SubMag(b, a);
    r.neg = y.neg;
  }
  r.Normalize();
  return r;
}

Decimal Neg(Decimal d) {
  if (!d.digits.empty()) d.neg = !d.neg;
  return d;
}

Decimal Mul(const Decimal& x, const Decimal& y) {
  Decimal r;
  r.digits = MulMag(x.digits, y.digits);
  r.exp = x.exp + y.exp;
  r.neg = x.neg != y.neg;
  r.Normalize();
  return r;
}

// Quotient truncated at 16 decimal places, then rounded half away from zero on the remainder.
Decimal Div(const Decimal& x, const Decimal& y) {
  constexpr int64_t kPrec = 16;
  Decimal r;
  if (x.digits.empty()) return r;
  // q = trunc(x / y * 10^prec) as an integer: (xd * 10^(xe - ye + prec)) / yd.
  int64_t shift = x.exp - y.exp + kPrec;
  std::string num = x.digits, den = y.digits;
  if (shift >= 0) {
    num += std::string(shift, '0');
  } else {
    den += std::string(-shift, '0');
  }
  // Long division.
  std::string q, rem = "0";
  for (char c : num) {
    rem = rem == "0" ? std::string(1, c) : rem + c;
    int k = 0;
    while (CmpMag(rem, den) >= 0) {
      rem = SubMag(rem, den);
      size_t nz = rem.find_first_not_of('0');
      rem = nz == std::string::npos ? "0" : rem.substr(nz);
      ++k;
    }
    q.push_back(static_cast<char>('0' + k));
  }
  // Round: compare 2*rem with den.
  std::string twice = AddMag(rem, rem);
  if (CmpMag(twice, den) >= 0) q = AddMag(q, "1");
  r.digits = q;
  r.exp = -kPrec;
  r.neg = x.neg != y.neg;
  r.Normalize();
  return r;
}

double GoMax(double x, double y) {
  if (std::isinf(x) && x > 0) return x;
  if (std::isinf(y) && y > 0) return y;
  if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 && x == y) return std::signbit(x) ? y : x;
  return x > y ? x : y;
}

double GoMin(double x, double y) {
  if (std::isinf(x) && x < 0) return x;
  if (std::isinf(y) && y < 0) return y;
  if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 && x == y) return std::signbit(x) ? x : y;
  return x < y ? x : y;
}

Value I64(int64_t v) { return Value::Int64(v); }

}  // namespace

void RegisterMath(FuncMap& m) {
  using A = ArgType;
  const auto kAny = A::kAny;
  Def(m, "atoi", {A::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    std::string_view s = a[0].as_string();
    // strconv.Atoi: base 10, no underscores or prefixes.
    bool valid = !s.empty();
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (!((c >= '0' && c <= '9') || (i == 0 && (c == '+' || c == '-') && s.size() > 1))) valid = false;
    }
    auto v = valid ? ParseGoInt(s, 10) : std::nullopt;
    return Value::Int(v ? *v : 0);
  });
  Def(m, "int64", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return I64(ToInt64(a[0])); });
  Def(m, "int", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value::Int(ToInt64(a[0])); });
  Def(m, "float64", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(ToFloat64(a[0])); });
  Def(m, "toDecimal", {kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = ParseGoInt(tmpl::FormatValue(a[0]), 8);
    return I64(v ? *v : 0);
  });
  Def(m, "add1", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return I64(ToInt64(a[0]) + 1); });
  Def(
      m, "add", {kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        uint64_t sum = 0;
        for (const Value& v : a) sum += static_cast<uint64_t>(ToInt64(v));
        return I64(static_cast<int64_t>(sum));
      },
      true);
  Def(m, "sub", {kAny, kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    return I64(static_cast<int64_t>(static_cast<uint64_t>(ToInt64(a[0])) - static_cast<uint64_t>(ToInt64(a[1]))));
  });
  Def(m, "div", {kAny, kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t x = ToInt64(a[0]), y = ToInt64(a[1]);
    if (y == 0) return Fail("runtime error: integer divide by zero");
    if (y == -1) return I64(static_cast<int64_t>(0 - static_cast<uint64_t>(x)));
    return I64(x / y);
  });
  Def(m, "mod", {kAny, kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t x = ToInt64(a[0]), y = ToInt64(a[1]);
    if (y == 0) return Fail("runtime error: integer divide by zero");
    if (y == -1) return I64(0);
    return I64(x % y);
  });
  Def(
      m, "mul", {kAny, kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        uint64_t v = static_cast<uint64_t>(ToInt64(a[0]));
        for (size_t i = 1; i < a.size(); ++i) v *= static_cast<uint64_t>(ToInt64(a[i]));
        return I64(static_cast<int64_t>(v));
      },
      true);
  Def(m, "randInt", {A::kInt, A::kInt}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t lo = a[0].as_int(), hi = a[1].as_int();
    if (hi - lo <= 0) return Fail("invalid argument to Intn");
    return Value::Int(lo + static_cast<int64_t>(RandomBelow(static_cast<uint64_t>(hi - lo))));
  });
  auto decimal_op = [](const Value& first, std::span<const Value> rest, char op) -> Result<Value> {
    double f0 = ToFloat64(first);
    Decimal acc = Decimal::FromFloat(f0);
    for (const Value& v : rest) {
      Decimal d = Decimal::FromFloat(ToFloat64(v));
      switch (op) {
        case '+':
          acc = Add(acc, d);
          break;
        case '-':
          acc = Add(acc, Neg(d));
          break;
        case '*':
          acc = Mul(acc, d);
          break;
        case '/':
          if (d.digits.empty()) return Fail("decimal division by 0");
          acc = Div(acc, d);
          break;
      }
    }
    return Value(acc.ToFloat());
  };
  Def(m, "add1f", {kAny}, [decimal_op](Args a, const CallInfo&) -> Result<Value> {
    Value one = Value::Int(1);
    return decimal_op(a[0], std::span<const Value>(&one, 1), '+');
  });
  Def(
      m, "addf", {kAny},
      [decimal_op](Args a, const CallInfo&) -> Result<Value> { return decimal_op(Value(0.0), a, '+'); }, true);
  Def(
      m, "subf", {kAny, kAny},
      [decimal_op](Args a, const CallInfo&) -> Result<Value> { return decimal_op(a[0], a.subspan(1), '-'); }, true);
  Def(
      m, "divf", {kAny, kAny},
      [decimal_op](Args a, const CallInfo&) -> Result<Value> { return decimal_op(a[0], a.subspan(1), '/'); }, true);
  Def(
      m, "mulf", {kAny, kAny},
      [decimal_op](Args a, const CallInfo&) -> Result<Value> { return decimal_op(a[0], a.subspan(1), '*'); }, true);
  auto imax = [](Args a, const CallInfo&) -> Result<Value> {
    int64_t v = ToInt64(a[0]);
    for (size_t i = 1; i < a.size(); ++i) v = std::max(v, ToInt64(a[i]));
    return I64(v);
  };
  Def(m, "biggest", {kAny, kAny}, imax, true);
  Def(m, "max", {kAny, kAny}, imax, true);
  Def(
      m, "min", {kAny, kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        int64_t v = ToInt64(a[0]);
        for (size_t i = 1; i < a.size(); ++i) v = std::min(v, ToInt64(a[i]));
        return I64(v);
      },
      true);
  Def(
      m, "maxf", {kAny, kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        double v = ToFloat64(a[0]);
        for (size_t i = 1; i < a.size(); ++i) v = GoMax(v, ToFloat64(a[i]));
        return Value(v);
      },
      true);
  Def(
      m, "minf", {kAny, kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        double v = ToFloat64(a[0]);
        for (size_t i = 1; i < a.size(); ++i) v = GoMin(v, ToFloat64(a[i]));
        return Value(v);
      },
      true);
  Def(m, "ceil", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(std::ceil(ToFloat64(a[0]))); });
  Def(m, "floor", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(std::floor(ToFloat64(a[0]))); });
  Def(
      m, "round", {kAny, A::kInt, A::kFloat64},
      [](Args a, const CallInfo&) -> Result<Value> {
        double round_on = a.size() > 2 ? a[2].as_float() : 0.5;
        double val = ToFloat64(a[0]);
        double pow = std::pow(10.0, static_cast<double>(a[1].as_int()));
        double digit = pow * val;
        double ip;
        double frac = std::modf(digit, &ip);
        double r = frac >= round_on ? std::ceil(digit) : std::floor(digit);
        return Value(r / pow);
      },
      true);
}

}  // namespace helm::funcs::internal
