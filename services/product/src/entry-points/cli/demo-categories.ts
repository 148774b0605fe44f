import type { AttributeDefinition } from '../../domain/category';

export interface DemoCategory {
  readonly slug: string;
  readonly name: string;
  readonly parent?: string;
  readonly attributes: readonly AttributeDefinition[];
  /** Leaf categories get products: brands and product nouns for their names. */
  readonly brands?: readonly string[];
  readonly nouns?: readonly string[];
  readonly priceRange?: readonly [number, number];
}

const str = (name: string, allowedValues?: string[], required = true): AttributeDefinition => ({
  name,
  type: 'string',
  required,
  ...(allowedValues ? { allowedValues } : {}),
});
const num = (name: string, allowedValues?: number[], unit?: string): AttributeDefinition => ({
  name,
  type: 'number',
  required: true,
  ...(allowedValues ? { allowedValues } : {}),
  ...(unit ? { unit } : {}),
});
const bool = (name: string): AttributeDefinition => ({ name, type: 'boolean', required: false });
const colors = ['black', 'white', 'red', 'blue', 'green', 'grey'];

/** A realistic little shop: four departments, eleven leaf categories, each with its attributes. */
export const demoCategories: readonly DemoCategory[] = [
  { slug: 'electronics', name: 'Electronics', attributes: [] },
  { slug: 'fashion', name: 'Fashion', attributes: [] },
  { slug: 'home', name: 'Home & Kitchen', attributes: [] },
  { slug: 'sports', name: 'Sports & Outdoors', attributes: [] },
  {
    slug: 'laptops',
    name: 'Laptops',
    parent: 'electronics',
    priceRange: [49_900, 349_900],
    attributes: [
      num('ramGb', [8, 16, 32, 64], 'GB'),
      str('cpu', ['Intel Core i5', 'Intel Core i7', 'AMD Ryzen 5', 'AMD Ryzen 7', 'Apple M3']),
      num('screenInches', [13, 14, 15, 16], 'in'),
      num('storageGb', [256, 512, 1024, 2048], 'GB'),
    ],
    brands: ['Lenova', 'Dellix', 'Asuka', 'Acerno', 'Pearbook'],
    nouns: ['Ultrabook', 'Laptop', 'Notebook', 'Workstation'],
  },
  {
    slug: 'phones',
    name: 'Phones',
    parent: 'electronics',
    priceRange: [19_900, 149_900],
    attributes: [num('storageGb', [64, 128, 256, 512], 'GB'), str('color', colors), bool('dualSim')],
    brands: ['Samsong', 'Pixelia', 'Nokio', 'Xiaomu', 'OnePlusOne'],
    nouns: ['Phone', 'Smartphone', 'Mini', 'Pro'],
  },
  {
    slug: 'headphones',
    name: 'Headphones',
    parent: 'electronics',
    priceRange: [2_900, 49_900],
    attributes: [str('type', ['over-ear', 'on-ear', 'in-ear']), bool('wireless'), bool('noiseCancelling')],
    brands: ['Sonix', 'Bosse', 'Sennheiser', 'JBLue', 'Audiotech'],
    nouns: ['Headphones', 'Earbuds', 'Headset'],
  },
  {
    slug: 'shoes',
    name: 'Shoes',
    parent: 'fashion',
    priceRange: [3_900, 24_900],
    attributes: [
      num('size', [38, 39, 40, 41, 42, 43, 44, 45, 46]),
      str('color', colors),
      str('material', ['leather', 'mesh', 'canvas', 'synthetic'], false),
    ],
    brands: ['Nikey', 'Adidos', 'Pumba', 'Reebock', 'Asix'],
    nouns: ['Running Shoe', 'Sneaker', 'Trail Runner', 'Boot'],
  },
  {
    slug: 't-shirts',
    name: 'T-Shirts',
    parent: 'fashion',
    priceRange: [990, 4_990],
    attributes: [
      str('size', ['XS', 'S', 'M', 'L', 'XL', 'XXL']),
      str('color', colors),
      str('fit', ['slim', 'regular', 'oversized'], false),
    ],
    brands: ['Basics Co', 'Cotton Lab', 'Urban Tee', 'Organica'],
    nouns: ['T-Shirt', 'Tee', 'Crew Neck', 'V-Neck'],
  },
  {
    slug: 'jackets',
    name: 'Jackets',
    parent: 'fashion',
    priceRange: [4_900, 39_900],
    attributes: [str('size', ['S', 'M', 'L', 'XL']), str('color', colors), bool('waterproof')],
    brands: ['North Peak', 'Patagona', 'Columbo', 'Arcteryk'],
    nouns: ['Rain Jacket', 'Down Jacket', 'Softshell', 'Parka'],
  },
  {
    slug: 'kitchen',
    name: 'Kitchen',
    parent: 'home',
    priceRange: [1_490, 59_900],
    attributes: [
      str('material', ['stainless steel', 'cast iron', 'ceramic', 'glass', 'plastic']),
      num('capacityMl', [250, 500, 1000, 1500, 2000], 'ml'),
    ],
    brands: ['KitchenAid+', 'Tefall', 'Le Crusette', 'Zwilling', 'Bodum'],
    nouns: ['Kettle', 'Saucepan', 'Coffee Press', 'Blender', 'Skillet'],
  },
  {
    slug: 'furniture',
    name: 'Furniture',
    parent: 'home',
    priceRange: [4_900, 129_900],
    attributes: [
      str('material', ['oak', 'pine', 'metal', 'walnut']),
      str('color', colors),
      num('widthCm', [40, 60, 80, 120, 160], 'cm'),
    ],
    brands: ['Ikeo', 'Hay Home', 'Muuto', 'Woodland'],
    nouns: ['Desk', 'Chair', 'Bookshelf', 'Side Table', 'Stool'],
  },
  {
    slug: 'bikes',
    name: 'Bikes',
    parent: 'sports',
    priceRange: [29_900, 399_900],
    attributes: [str('frameSize', ['S', 'M', 'L', 'XL']), num('gears', [1, 8, 11, 12, 21]), bool('electric')],
    brands: ['Trekker', 'Specialist', 'Canyonero', 'Giantess'],
    nouns: ['Road Bike', 'Mountain Bike', 'Gravel Bike', 'City Bike'],
  },
  {
    slug: 'camping',
    name: 'Camping',
    parent: 'sports',
    priceRange: [1_900, 69_900],
    attributes: [num('persons', [1, 2, 3, 4, 6]), num('weightG', [500, 900, 1500, 2500, 4000], 'g')],
    brands: ['MSR-ish', 'Vaude', 'Big Agnes', 'Sea to Summit'],
    nouns: ['Tent', 'Sleeping Bag', 'Stove', 'Backpack'],
  },
  {
    slug: 'books',
    name: 'Books',
    priceRange: [790, 4_990],
    attributes: [str('author'), str('format', ['hardcover', 'paperback', 'ebook']), num('pages')],
    brands: ['The Art of', 'A Guide to', 'Learning', 'Mastering'],
    nouns: ['TypeScript', 'Distributed Systems', 'Cooking', 'Gardening', 'Cycling'],
  },
];
