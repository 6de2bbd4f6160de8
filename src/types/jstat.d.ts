/** The part of jStat (https://github.com/jstat/jstat) the experiment statistics use; the package ships no types. */
declare module 'jstat' {
  interface Distribution {
    pdf(x: number, ...parameters: number[]): number;
    cdf(x: number, ...parameters: number[]): number;
    inv(probability: number, ...parameters: number[]): number;
  }
  const jStat: {
    normal: Distribution;
    beta: Distribution;
    betaln(a: number, b: number): number;
  };
  export default jStat;
}
