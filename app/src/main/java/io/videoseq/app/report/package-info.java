/**
 * The evaluation report of {@code videoseq evaluate --report}: the evaluation computed once (members, mistakes, the
 * videos whose saliency is drawn), then written as JSON, pictures, CSVs and, last, the HTML page.
 */
package io.videoseq.app.report;
