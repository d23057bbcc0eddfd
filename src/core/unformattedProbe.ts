export const  badlyFormatted = {a:1,
   b:2}
