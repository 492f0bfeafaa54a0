package io.nomadx.sovereign.config;

/** Checks a five-field cron schedule as Kubernetes CronJobs accept it. */
final class Cron {
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};

    private Cron() {
    }

    static boolean valid(String schedule) {
        String[] fields = schedule.trim().split("\\s+", -1);
        if (fields.length != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            for (String part : fields[i].split(",", -1)) {
                if (!validPart(part, RANGES[i][0], RANGES[i][1])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean validPart(String part, int lo, int hi) {
        String range = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            String step = part.substring(slash + 1);
            if (!step.matches("\\d{1,2}") || Integer.parseInt(step) == 0) {
                return false;
            }
            range = part.substring(0, slash);
        }
        if (range.equals("*")) {
            return true;
        }
        String[] ends = range.split("-", -1);
        if (ends.length > 2) {
            return false;
        }
        for (String end : ends) {
            if (!end.matches("\\d{1,2}") || Integer.parseInt(end) < lo || Integer.parseInt(end) > hi) {
                return false;
            }
        }
        return ends.length == 1 || Integer.parseInt(ends[0]) <= Integer.parseInt(ends[1]);
    }
}
