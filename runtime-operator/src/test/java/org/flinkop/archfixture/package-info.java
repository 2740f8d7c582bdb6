/**
 * Deliberate violations of the hexagon's walls, laid out like the real modules, for
 * {@code HexagonRulesCatchViolationsTest}. Nothing here is used by the operator.
 */
package org.flinkop.archfixture;
