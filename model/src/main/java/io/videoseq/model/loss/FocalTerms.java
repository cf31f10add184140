package io.videoseq.model.loss;

/**
 * The focal loss of one example and its exact gradient with respect to the logits, in double precision.
 *
 * <p>With {@code lp = log_softmax(z)}, {@code p = exp(lp)}, smoothed target {@code q}, {@code S = sum(q)}:
 * {@code ce = -q·lp}, {@code dce/dz = p*S - q}; with {@code u = 1 - exp(-ce)} the loss is {@code a*u^g*ce} and
 * {@code dL/dce = a*(g*u^(g-1)*exp(-ce)*ce + u^g)}. Everything comes from the log-softmax, never from 1/p.
 */
final class FocalTerms {
    private FocalTerms() {
    }

    record Row(double loss, double[] gradient) {
    }

    static Row row(double[] z, double[] y, double[] alpha, double gamma, double smoothing) {
        int c = z.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sumExp = 0;
        for (double v : z) {
            sumExp += Math.exp(v - max);
        }
        double logNorm = max + Math.log(sumExp);
        double off = smoothing / (c - 1);
        double[] lp = new double[c];
        double[] q = new double[c];
        double ce = 0;
        double qSum = 0;
        double a = alpha == null ? 1.0 : 0.0;
        for (int j = 0; j < c; j++) {
            lp[j] = z[j] - logNorm;
            q[j] = y[j] * (1.0 - smoothing) + (1.0 - y[j]) * off;
            ce -= q[j] * lp[j];
            qSum += q[j];
            if (alpha != null) {
                a += alpha[j] * y[j];
            }
        }
        double e = Math.exp(-ce);
        double u = -Math.expm1(-ce);
        double focal = Math.pow(u, gamma);
        double loss = a * focal * ce;
        // d(u^g)/dce * ce tends to 0 as ce -> 0 for every g >= 0; pow(0, g-1) would give inf * 0 there
        double growth = (gamma == 0 || u == 0) ? 0.0 : gamma * Math.pow(u, gamma - 1) * e * ce;
        double dLdce = a * (growth + focal);
        double[] grad = new double[c];
        for (int j = 0; j < c; j++) {
            grad[j] = dLdce * (Math.exp(lp[j]) * qSum - q[j]);
        }
        return new Row(loss, grad);
    }
}
