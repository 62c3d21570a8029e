package io.dataexporter.classification.transform;

/** The check digits of the numbers the scrubber finds by their digits alone. */
final class CheckDigits {

    private CheckDigits() {
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    static boolean tfnValid(String digits) {
        int[] weights = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum % 11 == 0;
    }

    static boolean medicareValid(String digits) {
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9};
        if (digits.charAt(0) < '2' || digits.charAt(0) > '6') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum % 10 == digits.charAt(8) - '0';
    }

}
