export function parseCriteria(input: unknown, _path = 'criteria'): any { return input; }
