package io.nomadx.sovereign.milvus;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The metric names a PromQL expression selects, found by a small lexer over the language as
 * Prometheus documents it (prometheus.io/docs/prometheus/latest/querying/basics/ and operators/):
 * string literals, label matchers in braces, ranges and subqueries in brackets, numbers and
 * durations are skipped; an identifier followed by `(` is a function or aggregation and must be one
 * Prometheus knows; the label lists after by, without, on, ignoring, group_left and group_right are
 * label names; keywords are keywords. What remains is a metric name, as is the value of an exact
 * `__name__` matcher.
 */
final class PromQl {
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
  private static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");
  private static final Set<String> FUNCTIONS =
      Set.of(
          "abs",
          "absent",
          "absent_over_time",
          "ceil",
          "changes",
          "clamp",
          "clamp_max",
          "clamp_min",
          "day_of_month",
          "day_of_week",
          "day_of_year",
          "days_in_month",
          "delta",
          "deriv",
          "exp",
          "floor",
          "histogram_avg",
          "histogram_count",
          "histogram_fraction",
          "histogram_quantile",
          "histogram_stddev",
          "histogram_stdvar",
          "histogram_sum",
          "hour",
          "idelta",
          "increase",
          "irate",
          "label_join",
          "label_replace",
          "ln",
          "log2",
          "log10",
          "minute",
          "month",
          "predict_linear",
          "rate",
          "resets",
          "round",
          "scalar",
          "sgn",
          "sort",
          "sort_desc",
          "sqrt",
          "time",
          "timestamp",
          "vector",
          "year",
          "avg_over_time",
          "min_over_time",
          "max_over_time",
          "sum_over_time",
          "count_over_time",
          "quantile_over_time",
          "stddev_over_time",
          "stdvar_over_time",
          "last_over_time",
          "present_over_time",
          "start",
          "end");

  private PromQl() {}

  static Set<String> metricNames(String expr) {
    var names = new LinkedHashSet<String>();
    int i = 0;
    int n = expr.length();
    while (i < n) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
      } else if (c == '{') {
        int end = matching(expr, i, '{', '}');
        exactName(expr.substring(i + 1, end)).ifPresent(names::add);
        i = end + 1;
      } else if (c == '[') {
        i = matching(expr, i, '[', ']') + 1;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
        while (i < n
            && (Character.isLetterOrDigit(expr.charAt(i))
                || expr.charAt(i) == '.'
                || expr.charAt(i) == '_'
                || ((expr.charAt(i) == '+' || expr.charAt(i) == '-')
                    && Character.toLowerCase(expr.charAt(i - 1)) == 'e'
                    && !expr.startsWith("0x", i - 2)))) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(expr.charAt(i))
                || expr.charAt(i) == '_'
                || expr.charAt(i) == ':')) {
          i++;
        }
        String word = expr.substring(start, i);
        String lower = word.toLowerCase(Locale.ROOT);
        int next = skipSpace(expr, i);
        if (LABEL_LISTS.contains(lower)) {
          if (next < n && expr.charAt(next) == '(') {
            i = matching(expr, next, '(', ')') + 1; // label names, not metrics
          }
        } else if (KEYWORDS.contains(lower)) {
          // a keyword (by, on, ...), not a metric
        } else if (AGGREGATIONS.contains(word)
            && next < n
            && (expr.charAt(next) == '('
                || expr.startsWith("by", next)
                || expr.startsWith("without", next))) {
          // an aggregation such as sum(...) or sum by (...), not a metric
        } else if (next < n && expr.charAt(next) == '(') {
          if (!FUNCTIONS.contains(word)) {
            throw new IllegalArgumentException("not a PromQL function: " + word + " in " + expr);
          }
        } else {
          names.add(word);
        }
      } else {
        i++;
      }
    }
    return names;
  }

  /** `__name__="x"` inside a selector's braces names metric x. */
  private static java.util.Optional<String> exactName(String matchers) {
    var m =
        java.util.regex.Pattern.compile("(?:^|,)\\s*__name__\\s*=\\s*\"([^\"]+)\"")
            .matcher(matchers);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipString(String s, int i) {
    char quote = s.charAt(i);
    int j = i + 1;
    while (j < s.length() && s.charAt(j) != quote) {
      j += s.charAt(j) == '\\' && quote != '`' ? 2 : 1;
    }
    if (j >= s.length()) {
      throw new IllegalArgumentException("unterminated string in " + s);
    }
    return j + 1;
  }

  /** Index of the bracket closing the one at `open`, strings inside skipped. */
  private static int matching(String s, int open, char opening, char closing) {
    int depth = 0;
    int j = open;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == '"' || c == '\'' || c == '`') {
        j = skipString(s, j);
        continue;
      }
      if (c == opening) {
        depth++;
      } else if (c == closing && --depth == 0) {
        return j;
      }
      j++;
    }
    throw new IllegalArgumentException("unbalanced " + opening + " in " + s);
  }
}
