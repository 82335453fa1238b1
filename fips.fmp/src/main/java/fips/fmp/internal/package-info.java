/**
 * Helpers shared by the FMP packages, and with fips.fsp through a qualified
 * export; not part of the module's API.
 *
 * <ul>
 *   <li>{@code Le}: little-endian reads and writes on byte arrays (all FMP
 *       and FSP integers are little-endian, INTEROP.md "Conventions").</li>
 *   <li>{@code WireReader}: the bounds-checked cursor of the control-plane
 *       decoders, generic in the decode exception each module raises.</li>
 *   <li>{@code CommonPrefix}: the 4-byte prefix layout FMP and FSP share.</li>
 * </ul>
 */
package fips.fmp.internal;
