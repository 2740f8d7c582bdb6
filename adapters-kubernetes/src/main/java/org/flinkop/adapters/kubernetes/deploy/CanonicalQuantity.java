package org.flinkop.adapters.kubernetes.deploy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.flinkop.domain.config.Quantity;

/**
 * Resource quantities written the way the API server stores them ({@code 2048Mi} is stored as {@code 2Gi},
 * {@code 0.5} cpu as {@code 500m}). Writing them any other way makes every server-side apply of an unchanged
 * Deployment a write, since the applied value never equals the stored one.
 */
final class CanonicalQuantity {

    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);

    private CanonicalQuantity() {
    }

    /** Mebibytes in binary units, the largest that keeps a whole number. */
    static String mebibytes(long mib) {
        return binary(BigDecimal.valueOf(mib).multiply(KIBI).multiply(KIBI));
    }

    /** A number (of cores, say) in decimal units, the largest that keeps a whole number, rounded up to nano units. */
    static String decimal(BigDecimal value) {
        BigDecimal nanos = value.movePointRight(9).setScale(0, RoundingMode.CEILING);
        int exponent = 0;
        while (exponent < DECIMAL.length - 1 && nanos.remainder(BigDecimal.valueOf(1000)).signum() == 0 && nanos.signum() != 0) {
            nanos = nanos.divide(BigDecimal.valueOf(1000));
            exponent++;
        }
        return nanos.toPlainString() + DECIMAL[exponent];
    }

    /** A quantity as the user wrote it, in the form Kubernetes stores: binary suffixes stay binary, the rest decimal. */
    static String of(String quantity) {
        String trimmed = quantity.trim();
        BigDecimal value = Quantity.parse(trimmed).getOrElseThrow(() -> new IllegalArgumentException("not a quantity: " + quantity));
        boolean binary = trimmed.matches(".*[KMGTPE]i");
        return binary && value.stripTrailingZeros().scale() <= 0 ? binary(value) : decimal(value);
    }

    private static String binary(BigDecimal bytes) {
        BigDecimal mantissa = bytes.setScale(0, RoundingMode.UNNECESSARY);
        int unit = 0;
        while (unit < BINARY.length - 1 && mantissa.signum() != 0 && mantissa.remainder(KIBI).signum() == 0) {
            mantissa = mantissa.divide(KIBI);
            unit++;
        }
        return unit == 0 ? decimal(bytes) : mantissa.toPlainString() + BINARY[unit];
    }
}
