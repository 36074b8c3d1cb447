/**
 * The largest type scale between `min` and `max` at which the projector's wall fits the screen,
 * found by halving (a dozen layouts at most). `fits` lays the wall out at a scale and says whether
 * it fits; bigger type never fits better. At `min` it may still not fit: then `fits` is false.
 */
export function fitScale(
  fits: (scale: number) => boolean,
  min: number,
  max: number,
  precision = 0.02,
): { scale: number; fits: boolean } {
  if (fits(max)) return { scale: max, fits: true };
  if (!fits(min)) return { scale: min, fits: false };
  let low = min; // fits
  let high = max; // does not fit
  while (high - low > precision) {
    const mid = (low + high) / 2;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return { scale: Math.floor(low * 100) / 100, fits: true };
}

/**
 * The most entries per theme (1 to `max`) that fit, when even the smallest type does not fit them
 * all: `fits` lays the wall out with that many per theme; more never fits better. At least 1.
 */
export function fitCount(fits: (count: number) => boolean, max: number): number {
  let low = 1;
  let high = max;
  if (fits(high)) return high;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}
